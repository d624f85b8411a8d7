//! Charts drawn on the server as inline SVG (no script, no web font), each with a text
//! alternative. The geometry is computed here from the missions; `templates/charts/` draws it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::credibility::{Comparison, Methodology, Rating};
use crate::model::stats::MissionPoint;
use crate::model::Verdict;

/// The drawing area, in SVG user units.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 300.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 40.0;

/// Rounds a coordinate to a tenth, so that the markup stays short and stable.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// One election on an organization's chart.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictPoint {
    pub election_id: String,
    pub held_on: NaiveDate,
    pub x: f64,
    pub verdict: Verdict,
    /// Where the organization's verdict is drawn; none when it published no assessment.
    pub verdict_y: Option<f64>,
    /// What credible observers found, as a score and where it is drawn.
    pub consensus: Option<f64>,
    pub consensus_y: Option<f64>,
    pub contradiction: bool,
}

/// An organization's verdicts against what credible observers found, election by election.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictChart {
    pub points: Vec<VerdictPoint>,
    /// The scale, from the top: each scored verdict and the height of its line.
    pub levels: Vec<(Verdict, f64)>,
    /// Years marked on the time axis, with their position.
    pub years: Vec<(i32, f64)>,
    pub compared: usize,
    pub contradictions: usize,
}

fn score_y(score: f64) -> f64 {
    round(TOP + (3.0 - score) / 3.0 * (HEIGHT - TOP - BOTTOM))
}

/// The position of each date between the first and the last, and the years to mark.
fn time_axis(dates: &[NaiveDate]) -> (impl Fn(NaiveDate) -> f64, Vec<(i32, f64)>) {
    let first = dates.iter().min().copied().unwrap_or_default();
    let last = dates.iter().max().copied().unwrap_or_default();
    let span = (last - first).num_days().max(1) as f64;
    let single = first == last;
    let x = move |date: NaiveDate| {
        if single {
            round(LEFT + (WIDTH - LEFT - RIGHT) / 2.0)
        } else {
            round(LEFT + (date - first).num_days() as f64 / span * (WIDTH - LEFT - RIGHT))
        }
    };
    let (from, to) = (first.year(), last.year());
    let step = ((to - from) / 6).max(1);
    let years = (from..=to)
        .step_by(step as usize)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, 1, 1))
        .map(|start| (start.year(), x(start.max(first))))
        .collect();
    (x, years)
}

impl VerdictChart {
    /// The chart of `missions` (oldest first), or none when there is nothing to draw.
    pub fn new(missions: &[MissionPoint], methodology: &Methodology) -> Option<VerdictChart> {
        if missions.is_empty() {
            return None;
        }
        let dates: Vec<NaiveDate> = missions.iter().map(|m| m.held_on).collect();
        let (x, years) = time_axis(&dates);
        let points: Vec<VerdictPoint> = missions
            .iter()
            .map(|m| {
                let comparison = Comparison::of(m.verdict, m.consensus, methodology);
                VerdictPoint {
                    election_id: m.election_id.clone(),
                    held_on: m.held_on,
                    x: x(m.held_on),
                    verdict: m.verdict,
                    verdict_y: m.verdict.score().map(|s| score_y(f64::from(s))),
                    consensus: m.consensus,
                    consensus_y: m.consensus.map(score_y),
                    contradiction: comparison.is_contradiction(),
                }
            })
            .collect();
        let levels = Verdict::all()
            .filter_map(|v| v.score().map(|s| (v, score_y(f64::from(s)))))
            .collect();
        Some(VerdictChart {
            compared: points
                .iter()
                .filter(|p| p.verdict_y.is_some() && p.consensus.is_some())
                .count(),
            contradictions: points.iter().filter(|p| p.contradiction).count(),
            points,
            levels,
            years,
        })
    }

    /// The bottom of the plot, where the time axis is drawn.
    #[allow(clippy::unused_self)] // called from the template as a method
    pub fn axis_y(&self) -> f64 {
        HEIGHT - BOTTOM
    }
}

/// One year's bar on the trends chart: its missions, by the sending organization's rating.
#[derive(Debug, Clone, PartialEq)]
pub struct YearBar {
    pub year: i32,
    pub x: f64,
    pub width: f64,
    pub total: usize,
    /// Each rating's count and the segment drawn for it, from the bottom of the bar.
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub rating: Option<Rating>,
    pub count: usize,
    pub y: f64,
    pub height: f64,
}

/// Missions per year by the rating of the organization that sent them.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendsChart {
    pub bars: Vec<YearBar>,
    /// The ratings in the order the segments are stacked, from the bottom; `None` is unrated.
    pub ratings: Vec<Option<Rating>>,
    /// Counts marked on the vertical axis, with their height.
    pub ticks: Vec<(usize, f64)>,
    pub max: usize,
}

/// The order of the stack: low quality at the bottom, where a reader looks first.
pub const STACK: [Option<Rating>; 6] = [
    Some(Rating::LowQuality),
    Some(Rating::Concerns),
    Some(Rating::InsufficientData),
    Some(Rating::Credible),
    Some(Rating::Benchmark),
    None,
];

impl TrendsChart {
    /// The chart of `missions`, from `since` on, or none when no mission is that recent.
    pub fn new(missions: &[MissionPoint], since: i32) -> Option<TrendsChart> {
        let mut years: BTreeMap<i32, BTreeMap<usize, usize>> = BTreeMap::new();
        for mission in missions.iter().filter(|m| m.held_on.year() >= since) {
            let slot = STACK.iter().position(|r| *r == mission.rating).unwrap_or(5);
            *years
                .entry(mission.held_on.year())
                .or_default()
                .entry(slot)
                .or_default() += 1;
        }
        let (&first, &last) = (years.keys().next()?, years.keys().next_back()?);
        let max = years
            .values()
            .map(|counts| counts.values().sum::<usize>())
            .max()
            .unwrap_or(1)
            .max(1);
        let plot = HEIGHT - TOP - BOTTOM;
        let slots = f64::from(last - first + 1);
        let slot_width = (WIDTH - 50.0 - RIGHT) / slots;
        let bars = (first..=last)
            .map(|year| {
                let counts = years.get(&year).cloned().unwrap_or_default();
                let mut bottom = HEIGHT - BOTTOM;
                let segments = STACK
                    .iter()
                    .enumerate()
                    .filter_map(|(slot, rating)| {
                        let count = *counts.get(&slot)?;
                        let height = round(count as f64 / max as f64 * plot);
                        bottom -= height;
                        Some(Segment {
                            rating: *rating,
                            count,
                            y: round(bottom),
                            height,
                        })
                    })
                    .collect();
                YearBar {
                    year,
                    x: round(50.0 + f64::from(year - first) * slot_width + slot_width * 0.1),
                    width: round(slot_width * 0.8),
                    total: counts.values().sum(),
                    segments,
                }
            })
            .collect();
        let step = (max / 4).max(1);
        let ticks = (0..=max)
            .step_by(step)
            .map(|count| {
                (
                    count,
                    round(HEIGHT - BOTTOM - count as f64 / max as f64 * plot),
                )
            })
            .collect();
        Some(TrendsChart {
            bars,
            ratings: STACK.to_vec(),
            ticks,
            max,
        })
    }

    /// The share of one year's missions sent by organizations rated low quality, in percent.
    pub fn low_quality_share(bar: &YearBar) -> f64 {
        let low = bar
            .segments
            .iter()
            .filter(|s| s.rating == Some(Rating::LowQuality))
            .map(|s| s.count)
            .sum::<usize>();
        if bar.total == 0 {
            0.0
        } else {
            low as f64 / bar.total as f64
        }
    }

    #[allow(clippy::unused_self)] // called from the template as a method
    pub fn axis_y(&self) -> f64 {
        HEIGHT - BOTTOM
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the positions are exact by construction
mod tests {
    use super::*;
    use crate::credibility::METHODOLOGY;

    fn mission(date: (i32, u32, u32), verdict: Verdict, consensus: Option<f64>) -> MissionPoint {
        MissionPoint {
            election_id: format!("e-{}", date.0),
            held_on: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            verdict,
            consensus,
            rating: Some(Rating::LowQuality),
        }
    }

    #[test]
    fn verdicts_and_consensus_sit_on_the_scale() {
        let chart = VerdictChart::new(
            &[
                mission((2010, 1, 1), Verdict::Positive, Some(1.0)),
                mission((2020, 1, 1), Verdict::None, Some(3.0)),
            ],
            &METHODOLOGY,
        )
        .unwrap();
        let [first, second] = chart.points.as_slice() else {
            panic!("two points")
        };
        assert_eq!(first.x, LEFT);
        assert_eq!(second.x, WIDTH - RIGHT);
        assert_eq!(first.verdict_y, Some(TOP));
        assert_eq!(first.consensus_y, Some(score_y(1.0)));
        assert!(first.contradiction);
        assert_eq!(second.verdict_y, None);
        assert_eq!(chart.compared, 1);
        assert_eq!(chart.contradictions, 1);
    }

    #[test]
    fn bars_stack_to_their_totals() {
        let mut missions = vec![
            mission((2001, 5, 1), Verdict::Positive, None),
            mission((2001, 6, 1), Verdict::Positive, None),
            mission((2003, 5, 1), Verdict::Positive, None),
        ];
        missions[1].rating = Some(Rating::Credible);
        let chart = TrendsChart::new(&missions, 2000).unwrap();
        assert_eq!(
            chart
                .bars
                .iter()
                .map(|b| (b.year, b.total))
                .collect::<Vec<_>>(),
            [(2001, 2), (2002, 0), (2003, 1)]
        );
        let tallest: f64 = chart.bars[0].segments.iter().map(|s| s.height).sum();
        assert!((tallest - (HEIGHT - TOP - BOTTOM)).abs() < 0.2, "{tallest}");
        assert_eq!(TrendsChart::low_quality_share(&chart.bars[0]), 0.5);
        assert!(TrendsChart::new(&missions, 2004).is_none());
    }
}
