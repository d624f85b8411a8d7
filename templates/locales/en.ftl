# Observer Registry — English. The reference catalogue: ru.ftl and fr.ftl hold the same ids.
# Messages whose id the templates render with `l.h…` may hold markup (links, <code>, <strong>).

language-name = English
site-name = Observer Registry
site-description = Observer Registry tells credible election observers from low-quality ones, with the evidence and sources.
skip-to-content = Skip to content
language-switcher = Language
nav-label = Main
nav-organizations = Organizations
nav-elections = Elections
nav-individuals = Individuals
nav-countries = Countries
nav-guide = How to tell
nav-methodology = Methodology
nav-data = Data
nav-about = About
nav-vet = Vet a list
search-label = Search the registry
search-placeholder = Search any name
search-button = Search
footer-what = Observer Registry records what election observers said and what credible observers found, with a source for every fact.
footer-about = About the registry
flag-disclaimer = A flag is the registry’s reading of published evidence, not a legal finding.
go-home = Go to the home page
details = details
source = Source
source-named = Source: { $name }
archived-copy = archived copy
required = required
quoted = “{ $text }”
list-or = { $first } or { $last }
percent = { $value }%
decimal-separator = .
page-n = page { $page }
back-to-first-page = Back to the first page.
past-end = { $count ->
    [one] There is only { $count } page of results.
   *[other] There are only { $count } pages of results.
}
guide-link-short = How to tell a credible observer
summary-label = What the registry found

## Dates

date = { $day } { $month } { $year }
date-time = { $date }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Counts

count-organizations = { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
count-elections = { $count ->
    [one] { $count } election
   *[other] { $count } elections
}
count-missions = { $count ->
    [one] { $count } mission
   *[other] { $count } missions
}
missions-count = { $count ->
    [one] { $count } mission
   *[other] { $count } missions
}
count-individuals = { $count ->
    [one] { $count } individual
   *[other] { $count } individuals
}
count-countries = { $count ->
    [one] { $count } country
   *[other] { $count } countries
}
observers-count = { $count ->
    [one] { $count } observer
   *[other] { $count } observers
}

## Vocabularies

verdict-positive = Positive
verdict-positive_with_reservations = Positive with reservations
verdict-negative = Negative
verdict-fraudulent = Fraudulent
verdict-none = No assessment published
verdict-positive-meaning = free, fair, democratic, in line with standards; no significant problems reported
verdict-positive_with_reservations-meaning = accepted overall; shortcomings noted
verdict-negative-meaning = significant shortcomings; fell short of commitments; not genuinely competitive
verdict-fraudulent-meaning = result not credible; fraud or manipulation decisive
verdict-none-meaning = the mission published no assessment

rating-benchmark = Benchmark
rating-credible = Credible
rating-concerns = Concerns
rating-low_quality = Low quality
rating-insufficient_data = Not enough data
rating-benchmark-meaning = A credible reference: the registry compares other observers with its findings.
rating-credible-meaning = Its verdicts agree with those of credible observers, and nothing recorded counts against it.
rating-concerns-meaning = Something recorded counts against it, short of the rules for low quality.
rating-low_quality-meaning = Do not read its verdicts as evidence that an election was clean: it praised elections credible observers found seriously flawed, observed a sham vote, or was sanctioned or exposed.
rating-insufficient_data-meaning = None of its recorded verdicts can yet be compared with those of credible observers.

flag-contradicts_credible_observers = Contradicts credible observers
flag-observed_sham_vote = Observed a sham vote
flag-no_dop = Not a Declaration of Principles endorser
flag-short_term_only = Short-term observation only
flag-silent = Silent
flag-sanctioned_or_exposed = Sanctioned or exposed
flag-low_quality_mission = Took part in a low-quality mission
flag-statement_contradicts_credible_observers = Statement contradicts credible observers
flag-contradicts_credible_observers-sentence = Praised elections that credible observers found seriously flawed.
flag-observed_sham_vote-sentence = Observed a vote staged where it had no legal basis, such as in occupied territory.
flag-no_dop-sentence = Has not endorsed the Declaration of Principles for International Election Observation. A weak signal on its own: endorsement is not vetted, and it never clears anyone.
flag-short_term_only-sentence = Never deployed long-term observers: its missions came around election day, too late to see the campaign.
flag-silent-sentence = Published no assessment for most of its missions.
flag-sanctioned_or_exposed-sentence = Was sanctioned, exposed or dissolved; the facts and their sources are listed below.
flag-low_quality_mission-sentence = Took part in a mission of an organization the registry rates low quality.
flag-statement_contradicts_credible_observers-sentence = Publicly praised an election that credible observers found seriously flawed.

organization-kind-intergovernmental = Intergovernmental organization
organization-kind-parliamentary = Parliamentary assembly
organization-kind-international_ngo = International NGO
organization-kind-domestic_ngo = Domestic NGO
organization-kind-private = Private group
organization-kind-state_body = State body
organization-kind-other = Other

election-kind-presidential = presidential election
election-kind-parliamentary = parliamentary election
election-kind-general = general election
election-kind-referendum = referendum
election-kind-local = local elections
election-kind-other = vote
election-kind-round = { $kind } (round { $round })
election-title = { $country }, { $kind }, { $date }

legitimacy-recognized = Recognized vote
legitimacy-sham = Sham vote: staged where it had no legal basis

mission-kind-long_term = Long-term observation
mission-kind-short_term = Short-term observation
mission-kind-expert = Expert mission
mission-kind-assessment = Assessment mission
mission-kind-delegation = Delegation
mission-kind-unknown = Kind of mission not known

role-observer = Observer
role-head_of_mission = Head of mission
role-deputy_head_of_mission = Deputy head of mission
role-spokesperson = Spokesperson
role-member = Member
role-organizer = Organizer
role-other = Other role

sanction-sanction = Sanction
sanction-exposure = Exposure
sanction-dissolution = Dissolution
sanction-by = by { $by }
sanctions-heading = Sanctions and exposures

## Comparisons with credible observers, in plain words

consensus-none = No credible observer assessed this election
divergence-contradicts = Praised the election although credible observers found it seriously flawed
divergence-kinder = A little kinder than credible observers
divergence-harsher = Harsher than credible observers
divergence-agrees = Agrees with credible observers
divergence-no-verdict = Published no verdict, so there is nothing to compare
divergence-no-consensus = No credible observer assessed this election, so there is nothing to compare with

condition-designated = curators designated it as a benchmark
condition-any-flag = { $count ->
    [one] it has the flag { $flags }
   *[other] it has the flag { $flags }
}
condition-contradicted-once = it contradicted credible observers at least once (even below the threshold of the flag)
condition-no-comparable-mission = none of its missions is comparable
condition-otherwise = otherwise: its comparable verdicts agree with the consensus

## Errors

error-bad-request-title = Bad request
error-method-title = Method not allowed
error-busy-title = Busy, try again
error-busy-heading = The registry is busy
error-not-found-title = Not found
error-no-page-title = Page not found
error-internal-title = Something went wrong
error-not-found-record = There is no { $kind ->
    [organization] organization
    [election] election
    [mission] mission
    [individual] individual
    [country] country
   *[other] record
} with the id <code>{ $id }</code> in the registry.
error-not-found-hint = Ids are lower-case, like <code>osce-odihr</code> or <code>tjk-2020-10-11-presidential</code>. Browse the <a href="/organizations">organizations</a>, <a href="/elections">elections</a> or <a href="/individuals">individuals</a> to find it.
error-no-page = There is no page at <code>{ $path }</code>.
error-bad-request-intro = The address asks for something the registry cannot show:
error-must-be = must be { $expected }.
error-bad-request-hint = Change the address, or start again from the <a href="/organizations">organizations</a>, <a href="/elections">elections</a> or <a href="/individuals">individuals</a> list.
error-method = This address can only be read (GET or HEAD).
error-method-form = This address is a form: open it (GET or HEAD) or send it (POST).
error-method-action = This address only takes a form sent from the registry’s pages (POST).
error-busy = The registry cannot reach its database right now. Please try again in a few seconds.
error-internal = The registry could not answer this request. It has been logged; please try again in a moment.
expected-page = a whole number from 1 to { $max }
expected-one-of = one of: { $codes }
expected-country = a three-letter ISO 3166-1 country code, such as TJK
expected-year = a year such as 2020
expected-max-chars = at most { $max } characters
expected-no-control = text without control characters
expected-id = an id such as tjk-2020-10-11-presidential
expected-query-string = a well-formed query string

## Home and about

home-title = Who observes elections, and can you trust them?
home-heading = Who observed the election, and can you trust them?
home-intro-1 = Governments that hold flawed elections often invite observers who will praise them: groups that lack the will or the means to detect and report irregularities. When such a group calls a vote “free and fair” while credible observers found it seriously flawed, voters who cannot tell the two apart are misled.
home-intro-2 = Observer Registry catalogues observer organizations, their missions and the people who took part, and puts every mission’s verdict next to the findings of credible observers for the same election — each with its source.
home-guide-link = How to tell a credible election observer
home-guide-why = a checklist you can use when observers are quoted in the news.
home-search-label = Look up an observer group
home-search-placeholder = e.g. SCO, CIS, ОДИР, AFRIC
home-counts-heading = In the registry
home-trends-link = Has low-quality observation grown? Missions per year, by rating
home-recent-heading = Most recent missions
home-recent-empty = No missions are recorded yet.
recent-said = Its verdict:

about-title = About
about-heading = About Observer Registry
about-intro-1 = Authoritarian governments invite low-quality (“zombie”, “shadow”) election observers: groups that lack the willingness or the capacity to detect and report irregularities. They are often sent by regional organizations led by authoritarian governments, or by private fronts, and they copy the look of professional missions.
about-intro-2 = When they praise an election that credible observers found seriously flawed, voters who cannot tell the two apart read it as a positive signal.
about-example-intro = <strong>An example from the registry:</strong>
example-praised = at the { $election }, its verdict was
example-benchmark = a credible observer, at the same election:
example-compare = Compare every observer of this election
about-records-heading = What the registry records
about-records-organizations = <strong>Organizations</strong> that observe elections, with their aliases in any script.
about-records-elections = <strong>Elections</strong>, including votes staged where they had no legal basis (“sham” votes).
about-records-missions = <strong>Missions</strong>: one organization observing one election, with the verdict it published, a short quote and the source.
about-records-individuals = <strong>Individuals</strong> who took part, in which role, and what they said publicly, with the source.
about-verdicts-heading = How verdicts are coded
about-verdicts-intro = Each mission’s verdict is coded from the mission’s own statement or report, on a four-step scale:
about-flag-heading = What a flag means
about-flag = A flag is the registry’s reading of published evidence, not a legal finding. Every record links to the sources it rests on, so that anyone can check them.
about-sources-heading = Sources and corrections
about-sources = Every verdict, participation and flag-bearing fact carries a source: a mission’s statement, an OSCE/ODIHR or EU report, a news article or a sanctions notice. The data set is published as open data under CC BY 4.0.

## Methodology

methodology-title = Methodology, version { $version }
methodology-version = version { $version }
methodology-heading = How the registry rates observers
methodology-intro = Methodology version <strong>{ $version }</strong>. Every rating and flag on this site, and every download, was computed with it. The thresholds below are read from the same settings the registry applies, so this page and the ratings cannot disagree.
methodology-scale-heading = 1. The verdict scale
methodology-scale-intro = Each mission’s verdict is coded from what the mission itself said in its statement or report.
col-verdict = Verdict
col-score = Score
col-meaning = Meaning
methodology-consensus-heading = 2. What credible observers found
methodology-consensus = Curators designate a few organizations as <strong>benchmarks</strong>: observers with a published long-term methodology whose findings serve as the credible reference. The <strong>benchmark consensus</strong> of an election is the median score of the benchmark missions that assessed it; with an even number of them, the mean of the two middle scores (so it can be 2.5). Missions that published no assessment are left out. An election that no benchmark mission assessed has no consensus, and no verdict at it can be compared.
methodology-readings-intro = In words, a consensus:
methodology-reading-above = above { $score } reads as “{ $verdict }”;
methodology-reading-lower = anything lower reads as “{ $verdict }”.
methodology-reading-cutoff = A consensus exactly at a cut-off reads as the harsher verdict.
methodology-divergence-heading = 3. Divergence and contradiction
methodology-divergence = A mission’s <strong>divergence</strong> is its score minus the consensus. A divergence of <strong>{ $threshold } or more</strong> — praising an election that credible observers found seriously flawed — is a <strong>contradiction</strong>. Regional observers are often one notch more lenient than benchmark missions, which is why one notch is not enough. A mission with a score at an election with a consensus is <strong>comparable</strong>.
methodology-flags-heading = 4. Flags of an organization
methodology-flag-contradicts = It contradicted the consensus at { $count } or more elections, or in { $share } or more of its comparable missions.
methodology-flag-sham = It sent a mission to a vote staged where it had no legal basis, such as in occupied territory. Observing such a vote is itself a red flag.
methodology-flag-no-dop = It is not recorded as an endorser of the 2005 Declaration of Principles for International Election Observation. This is a weak signal only: nobody vets endorsers, so endorsement never clears an organization, and this flag alone never lowers a rating.
methodology-flag-short-term = { $count ->
    [one] Of its missions whose kind is known — at least { $count } — none deployed long-term observers.
   *[other] Of its missions whose kind is known — at least { $count } — none deployed long-term observers.
}
methodology-flag-silent = It published no assessment for more than { $share } of its missions, and it has at least { $count } missions.
methodology-flag-sanctioned = A curator recorded a sourced sanction, exposure or dissolution.
methodology-ratings-heading = 5. Ratings
methodology-ratings-intro = The first rule that applies gives the rating:
methodology-or = ; or
methodology-ratings-fair = An organization’s region, size or kind is never an input: one whose comparable verdicts agree with credible observers is never rated low quality because of what it is.
methodology-individual-heading = 6. Flags of an individual
methodology-individual-low-quality = They took part in a mission of an organization rated low quality.
methodology-individual-sham = They observed a vote staged where it had no legal basis.
methodology-individual-statement = A public statement of theirs, coded on the verdict scale, diverges from the consensus by { $threshold } or more.
methodology-individual-sanctioned = A curator recorded a sourced sanction or exposure.
methodology-individual-note = Taking part in observation is not in itself a flag: many people named here observed with credible missions.
methodology-computation-heading = 7. When ratings are computed
methodology-computation = Ratings and flags are recomputed for the whole registry every time its data changes, and whenever the methodology version changes, so that every page shows results of the same version.

## Lists

filter-name-alias = Name or alias
filter-name-any-script = Name, in any script
filter-kind = Kind
filter-any-kind = Any kind
filter-based-in = Based in
filter-country = Country
filter-any-country = Any country
filter-rating = Rating
filter-any-rating = Any rating
filter-year = Year
filter-button = Filter
filter-clear = Clear
col-name = Name
col-rating = Rating
col-kind = Kind
col-based-in = Based in
col-missions = Missions
col-country = Country
col-affiliation = Affiliation
col-elections = Elections
col-date = Date
col-vote = Vote
col-election = Election
col-mission = Mission
col-credible-found = Credible observers found
col-source = Source
col-observer = Observer
col-compared = Compared with credible observers
col-said = What they said
col-role = Role
col-statement = Statement
col-flags = Flags
download-rows = Download these rows as CSV
download-all-link = all downloads and the data dictionary
pager-label = Pages
pager-showing = Showing { $first }–{ $last } of { $total }
pager-page = page { $page } of { $pages }
pager-previous = Previous
pager-next = Next
sham-vote-tag = sham vote
sham-vote-warning = Observing a vote with no legal basis is itself a red flag.

## Organizations

organizations-title = Organizations
organizations-heading = Observer organizations
organizations-none = No organization matches these filters.
organizations-show-all = Show all organizations
organization-comparable = { $count ->
    [0] None of its missions can be compared with credible observers yet.
    [one] { $count } of its missions can be compared with credible observers.
   *[other] { $count } of its missions can be compared with credible observers.
}
organization-contradicted = { $count ->
    [0] It never contradicted them.
    [one] It contradicted them at { $count } election.
   *[other] It contradicted them at { $count } elections.
}
rated-by-methodology = Rated by <a href="/methodology">methodology version { $version }</a>.
organization-benchmark = Benchmark observer: the registry uses this organization’s findings as a credible reference.
organization-aliases = Also known as
organization-founded = Founded
organization-dissolved = Dissolved
organization-dop = Declaration of Principles
organization-dop-yes = Endorsed the 2005 Declaration of Principles for International Election Observation
organization-dop-no = Not recorded as an endorser of the 2005 Declaration of Principles for International Election Observation
organization-website = Website
organization-why = This organization is in the registry because it observed elections; each mission below is recorded with the verdict it published and its source.
flags-heading = Flags
flags-how = How flags are raised
evidence-it-said = it said
evidence-credible-found = credible observers found
evidence-more = { $count ->
    [one] and { $count } more, listed in the missions table below.
   *[other] and { $count } more, listed in the missions table below.
}
missions-heading = Missions
organization-no-missions = No mission of this organization is recorded.
organization-no-missions-page = No mission of this organization is recorded on this page.

## Individuals

individuals-title = Individuals
individuals-intro = People named in a source as observers, heads of mission or spokespeople at an election.
individuals-none = No individual matches these filters.
individuals-show-all = Show everyone
person-no-flags = No warning sign found
person-no-flags-why = { $count ->
    [0] No source recorded here names this person at an election yet.
    [one] Named at { $count } election. None of the warning signs applies: no mission of a low-quality observer, no sham vote, no public praise of an election credible observers found flawed, no sanction recorded.
   *[other] Named at { $count } elections. None of the warning signs applies: no mission of a low-quality observer, no sham vote, no public praise of an election credible observers found flawed, no sanction recorded.
}
person-flags = { $count ->
    [one] The registry found { $count } warning sign
   *[other] The registry found { $count } warning signs
}
person-flag-at = At:
person-why = This person is in the registry because a published source names them as taking part in the observation of an election, listed below with that source.
person-elections-heading = Elections observed
person-no-participation = No participation is recorded for this person.
mission-link = mission
statement-reads-as = Reads as:

## Elections and missions

elections-title = Elections
elections-none = No election matches these filters.
elections-show-all = Show all elections
election-consensus-heading = What credible observers found
election-benchmark-count = { $count ->
    [one] { $count } benchmark mission assessed this election.
   *[other] { $count } benchmark missions assessed this election.
}
election-credible-found = Credible observers found it:
election-contradictions = { $count ->
    [one] { $count } mission contradicted them, praising an election that credible observers found flawed. It is marked below.
   *[other] { $count } missions contradicted them, praising an election that credible observers found flawed. They are marked below.
}
election-no-consensus = No benchmark observer published an assessment of this election, so the registry cannot compare the verdicts below with credible findings.
election-consensus-note = What credible observers found is the middle verdict of the benchmark missions; see the <a href="/methodology">methodology</a>.
election-observers-heading = What the observers said
election-no-missions = No observer mission is recorded for this election.
election-benchmarks-first = Benchmark observers — organizations the registry uses as a credible reference — are listed first.
election-download = Download these missions as CSV
election-people-heading = Named individuals at this election
mission-title = { $observer } at the { $election }
mission-observers = Observers
mission-arrived = Arrived
mission-how-computed = how this is computed
mission-in-its-words = In its words
mission-members-heading = Named members
mission-no-members = No member of this mission is named in the registry.

## Countries

countries-title = Countries
countries-none = No country is recorded yet.
country-elections-heading = Elections held here
country-no-elections = No election in { $country } is recorded.
country-all-elections = All { $count } elections in { $country }
country-organizations-heading = Observer organizations based here
country-no-organizations = No observer organization based in { $country } is recorded.
country-individuals-heading = Individuals from here
country-no-individuals = No individual from { $country } is recorded.
country-all-individuals = All { $count } individuals from { $country }

## Search

search-title = Search
search-title-query = Search: { $query }
search-heading = Search the registry
search-results-for = Results for “{ $query }”
search-page-label = Name of an observer group, a person, a country or an election, in any script
search-hint = Spelling, accents, word order and script do not matter: “Kovacs Bela” finds Béla Kovács, “Малькевич” finds Alexander Malkevich. Vetting a whole list?
search-vet-link = Check a list of invitees
search-try = Try
search-nothing = Nothing in the registry matches “{ $query }”.
search-did-you-mean = Did you mean
search-nothing-hint = Check the spelling, try fewer words, or browse the <a href="/organizations">organizations</a> and <a href="/individuals">individuals</a>.
search-groups = Result groups
search-matched = Matched:
search-likeness = { $percent } alike
search-more-organizations = { $total } organizations match; the best { $shown } are shown.
search-see-all-organizations = See them all in the organizations list
search-more-individuals = { $total } individuals match; the best { $shown } are shown.
search-see-all-individuals = See them all in the individuals list
search-all-elections = All matching elections
reason-exact = same name
reason-alias = alias
reason-transliterated = written in another script or spelling (transliterated)
reason-reordered = names in another order
reason-missing-names = some names missing or shortened
reason-spelling = spelled differently

## Vetting

vet-title = Vet an invitation list
vet-intro = Check the people and groups you plan to invite as election observers against the registry. Names match however they are written: in Latin or Cyrillic script, with or without accents, in any order, with small typos.
vet-confidential-label = Confidential:
vet-confidential = the list you submit is matched in memory and forgotten. It is not stored, not written to any log and not cached; the answer tells your browser not to keep it either.
vet-error-heading = The list could not be checked
vet-error-empty = The list is empty. Paste at least one name, or choose a CSV file.
vet-error-too-large = { $count ->
    [one] The upload is too large. Send at most { $count } row (2 MB); split a longer list into several parts.
   *[other] The upload is too large. Send at most { $count } rows (2 MB); split a longer list into several parts.
}
vet-error-too-many-rows = The list has { $given } rows or more; at most { $count } rows can be checked at once. Split it into parts of { $count } rows.
vet-error-not-utf8 = The file is not UTF-8 text. Save it as “CSV UTF-8” (in a spreadsheet: Save as → CSV UTF-8) and upload it again.
vet-error-no-name-column = The CSV file has no <code>name</code> column. It needs a header row with a <code>name</code> column and, optionally, an <code>organization</code> column.
vet-error-columns-found = Its columns are:
vet-error-bad-csv = The CSV file cannot be read at line { $line }. Check its quotes and commas, or paste the names instead.
vet-error-bad-form = The form could not be read. Paste the names or choose a file, and send the form again.
vet-names-label = Names, one per line: <code>name</code> or <code>name, organization</code>
vet-or = or
vet-file-label = A CSV file (UTF-8) with a <code>name</code> column and, optionally, an <code>organization</code> column
vet-limit = { $count ->
    [one] Up to { $count } row. A file, when chosen, is used instead of the pasted names.
   *[other] Up to { $count } rows. A file, when chosen, is used instead of the pasted names.
}
vet-check = Check the list
vet-download = Download the report as CSV
vet-search-one = Search one name instead
vet-how-decided = How ratings and flags are decided
vet-report-title = Vetting report
vet-count-rows = { $count ->
    [one] row
   *[other] rows
}
vet-count-matched = matched
vet-count-flagged = flagged
vet-count-low-quality = { $count ->
    [one] low-quality organization
   *[other] low-quality organizations
}
vet-report-note = “Flagged” counts rows matching a record with at least one flag other than the weak “not a Declaration of Principles endorser”. A flag is the registry's reading of published evidence, not a legal finding: open each match to read the evidence and its sources. A match is a likely identity, not a certainty: check how alike the names are and why they matched.
vet-report-download = Download this report as CSV
col-submitted = Submitted
col-matches = Matches in the registry
col-row = Row
vet-no-match = No match in the registry.
vet-type-organization = organization
vet-type-individual = individual
vet-via-organization = , from the organization column
vet-another = Check another list

## Downloads and releases

downloads-title = Downloads and data dictionary
downloads-heading = Download the registry
downloads-licence = Every table of the registry is published as CSV under the <a href="{ $url }" rel="license">{ $licence }</a> licence: please credit “Observer Registry”.
downloads-methodology = Ratings and flags were computed with <a href="/methodology">methodology version { $version }</a>; the version is in every row of <code>flags.csv</code> and <code>ratings.csv</code>.
downloads-everything = Download everything
downloads-everything-what = every file below plus <code>datapackage.json</code>, a <a href="https://specs.frictionlessdata.io/data-package/">Frictionless Data Package</a> descriptor, so that pandas, R or the frictionless tools read the columns with their types.
downloads-api = The same records are available one by one as JSON through the <a href="/api">API</a>, and spreadsheets of names can be reconciled against the registry in OpenRefine.
downloads-format = Files are UTF-8, comma-separated, with a header row and RFC 4180 quoting; dates are <code>YYYY-MM-DD</code>, booleans <code>true</code>/<code>false</code>, and an empty cell means no value. Rows are ordered by id, and ids are stable. The lists of organizations, elections and individuals offer their filtered rows as CSV too.
col-file = File
col-contents = Contents
col-rows = Rows
col-last-change = Last change
downloads-columns = Columns
downloads-dictionary = Data dictionary
downloads-dictionary-english = The data dictionary describes the columns of the files, whose names and values are in English.
downloads-derived = Derived by the methodology; not accepted by the importer.
col-column = Column
col-type = Type
col-allowed = Allowed values
col-example = Example
downloads-reference = an <code>{ $field }</code> of <a href="#{ $table }.csv">{ $table }.csv</a>
cite-heading = How to cite the data
cite-current = The current data are <strong>release { $release }</strong>, published { $date }.
cite-methodology = They were rated with methodology version { $version }. Suggested citation:
cite-releases = Every release stays downloadable at its address; the list of <a href="/downloads/releases">all releases</a> says what each one changed.
releases-title = Data releases
releases-intro = Every import that changes the registry makes a new, numbered release. Each release’s <code>registry.zip</code> stays downloadable at its own address, byte for byte as it was published, so that a study can cite the exact data it used. The current data are always on <a href="/downloads">the downloads page</a>.
releases-none = No release has been made yet.
col-release = Release
col-published = Published
col-changes = What changed
col-download = Download
release-change = { $added } added, { $changed } changed, { $removed } removed ({ $rows } rows)

## API

api-title = API for researchers
api-heading = The registry as data: API
api-intro = Every list and record of the registry is available as JSON under <code>/api/v1/</code>, with the same ids as the <a href="/downloads">CSV downloads</a>. The data are published under CC BY 4.0; please cite the <a href="/downloads/releases">data release</a> you used.
api-no-key = <strong>No key, no sign-up.</strong> Every endpoint answers <code>GET</code> from any origin (CORS is open).
api-lists = <strong>Lists</strong> take the filters of the matching page and a <code>page</code> number; each answer carries <code>total</code> and the <code>next</code> and <code>previous</code> pages as links.
api-records = <strong>Records</strong> embed what their page shows: an organization with its rating and the methodology version that produced it, its flags with the ids of the evidence, and its missions; an election with every observer’s verdict and the benchmark consensus.
api-caching = <strong>Caching</strong>: every answer has an <code>ETag</code>; send it back in <code>If-None-Match</code> and an unchanged answer costs a <code>304</code>.
api-releases = <strong>Releases</strong>: the <code>X-Registry-Release</code> header names the data release an answer comes from.
api-errors = <strong>Errors</strong> are JSON too: <code>{"{"}"error": "…", "status": 404{"}"}</code>, with the status a page would get (400, 404, 405, 413 or 503).
api-openapi = The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1), generated from the code that answers. For example, in Python:
api-endpoints = Endpoints
api-reference-english = The reference below is generated from the code, in English.
col-parameter = Parameter
col-in = In
api-example-request = Example request:
api-example-response = Response (<code>200</code>; long lists cut to their first items):
api-reconcile-heading = Reconciliation service for OpenRefine
api-reconcile-intro = <code>/api/reconcile</code> follows version 0.2 of the W3C Entity Reconciliation Community Group’s <a href="https://reconciliation-api.github.io/specs/0.2/">Reconciliation Service API</a>. In OpenRefine, choose a column of names, then <em>Reconcile → Start reconciling → Add standard service</em> and give the address <code>/api/reconcile</code> of this site. Names are matched as on <a href="/search">search</a> and <a href="/vet">vetting</a>: any script, other romanizations, aliases, typos and other word orders.
col-request = Request
col-answer = Answer
api-reconcile-manifest = The service manifest: types <code>organization</code> and <code>individual</code>, view, preview and suggest services.
api-reconcile-queries = A batch of queries, a JSON object such as <code>{"{"}"q0": {"{"}"query": "Шанхайская организация сотрудничества", "type": "organization", "limit": 3, "properties": [{"{"}"pid": "country", "v": "CHN"{"}"}]{"}"}{"}"}</code>; each answer lists candidates with <code>id</code>, <code>name</code>, <code>score</code> (0–100), <code>match</code> (a sure match) and a description with the rating and flags. The <code>country</code> property (a code or a name) prefers records of that country.
api-reconcile-suggest = Records whose names match or begin with the prefix. <code>suggest/type</code> and <code>suggest/property</code> complete types and properties.
api-reconcile-preview = A small HTML card with the name, rating and flags.
api-reconcile-view = Redirects to the record’s page.
preview-rating = Rating: { $rating }

## Guide

guide-title = How to tell a credible election observer
guide-intro = When observers are quoted in the news saying an election was “free and fair”, ask these six questions. Each one links to real cases in the registry.
guide-in-registry = In the registry:
guide-who-heading = Who sent them, and who paid?
guide-who = A credible mission names the organization that sent it and how it is funded. Be wary of groups that appeared shortly before the vote, that are paid by the government holding the election, or that have been sanctioned or exposed as fronts.
guide-long-heading = Did they stay for weeks, or for a day?
guide-long = Fraud is mostly prepared long before election day: in the registration of candidates, the media and the counting. Credible missions deploy long-term observers weeks ahead and stay for the count. A delegation flown in for polling day sees little.
guide-report-heading = Did they publish a method and a final report?
guide-report = Credible observers explain how they observed and publish a detailed final report, with problems and recommendations. A press conference with praise and no report is a warning sign.
guide-independent-heading = Are they independent of the government being observed?
guide-independent = Observers invited, hosted and paid by the authorities they assess, or who are willing to observe a vote staged where it had no legal basis, such as in occupied territory, are not independent.
guide-match-heading = Do their findings match those of established observers?
guide-match = Compare what they said with what established observers with a published long-term method found at the same election. Praise for an election that those observers found seriously flawed is the strongest warning sign.
guide-established = Established observers the registry compares with:
guide-dop-heading = Signing the Declaration of Principles alone proves nothing
guide-dop = The 2005 Declaration of Principles for International Election Observation sets good standards, but nobody checks who endorses it. Endorsement never makes an observer credible; what it did at elections does.
guide-ratings-heading = What the ratings mean
guide-ratings-intro = The registry sums up what it found about each organization in one rating. Each rating is explained in words, never by colour alone.
guide-ratings-list = See these organizations
guide-more = The exact rules are on the <a href="/methodology">methodology</a> page. A flag is the registry’s reading of published evidence, not a legal finding.

## Charts

chart-verdicts-title = Its verdicts against what credible observers found, election by election
chart-verdicts-compared = { $count ->
    [0] None of its verdicts can be compared with credible observers.
    [one] { $count } verdict can be compared with credible observers.
   *[other] { $count } verdicts can be compared with credible observers.
}
chart-verdicts-contradictions = { $count ->
    [0] None contradicts them.
    [one] { $count } contradicts them.
   *[other] { $count } contradict them.
}
chart-verdicts-legend = Dots: what the organization said; squares: what credible observers found at the same election; a thick red line joins the two where it praised an election they found seriously flawed. Every mission is listed in the table below.
chart-credible = credible observers:
trends-title = Missions per year, by the rating of the observer
trends-intro = Each bar counts the observation missions of one year, from { $since } on, split by the rating the registry gives the organization that sent them. It shows whether low-quality observation has grown.
trends-desc = A bar chart of missions per year, up to { $max } in a year; the same numbers are in the table below.
trends-unrated = Not rated
trends-table-heading = The numbers
col-year = Year
col-low-quality-share = Share sent by low-quality observers
trends-note = The registry records the missions its curators have sourced; a year with few missions may be a year with few recorded, not few sent. See the <a href="/guide">guide</a> for what the ratings mean.

## Feed

feed-title = Observer Registry: new and changed records
feed-subtitle = Every data release of the registry with what it changed, and the most recent observer missions with their verdicts.
feed-release = Data release { $release } ({ $date })

## Accounts, sign-in and the errors of write routes
error-forbidden-title = Refused
error-csrf = This form was not sent from this site's own page, or it is too old. Open the page again and send the form from there.
error-admin-only = Only an administrator of the registry may do this.
error-sign-in-title = Sign in first
error-sign-in = Sign in as a curator to continue.
error-too-large-title = Too large
error-too-large = What was sent is larger than the registry accepts.
login-title = Curator sign-in
login-intro = Curators keep the registry current. Reading the registry needs no account.
login-name = User name
login-password = Password
login-button = Sign in
login-invalid = The user name or the password is wrong.
login-throttled = Too many failed attempts. Wait a quarter of an hour and try again.
logout-title = Sign out
logout-signed-in-as = You are signed in as { $name }.
logout-button = Sign out
logout-not-signed-in = You are not signed in.
account-bar-label = Curator
account-signed-in-as = Signed in as { $name }
account-changes = Changes
account-moderation = Moderation
account-admin = Administration
account-sign-out = Sign out
record-tools-label = This record
record-history = History
record-reply = Reply to this entry
record-correct = Suggest a correction
record-edit = Edit
record-delete = Delete

## Editing records, their history and restoring them
edit-index-title = New records
edit-index-intro = Every record rests on a source: add the source first, then the records that cite it.
edit-new-organization = New organization
edit-new-election = New election
edit-new-mission = New mission
edit-new-individual = New individual
edit-new-participation = New participation
edit-new-source = New source
edit-new-sanction = New sanction or exposure
edit-kind-organization = organization
edit-kind-election = election
edit-kind-mission = mission
edit-kind-individual = individual
edit-kind-participation = participation
edit-kind-source = source
edit-kind-sanction = sanction
edit-title = Edit { $kind } { $id }
edit-delete-title = Delete { $kind } { $id }
edit-required = required
edit-save = Save
edit-yes = Yes
edit-no = No
edit-none = (none)
edit-field-id = Id
edit-field-url = Address (URL)
edit-field-title = Title
edit-field-publisher = Publisher
edit-field-published_on = Published on
edit-field-archived_url = Archived copy (URL)
edit-field-name = Name
edit-field-acronym = Acronym
edit-field-aliases = Other names (separated by |)
edit-field-kind = Kind
edit-field-hq_country = Headquarters country (ISO code)
edit-field-founded_on = Founded on
edit-field-dissolved_on = Dissolved on
edit-field-dop_endorser = Endorsed the Declaration of Principles
edit-field-benchmark = Benchmark
edit-field-benchmark_reason = Benchmark reason
edit-field-website = Website
edit-field-notes = Notes
edit-field-country = Country (ISO code)
edit-field-held_on = Voting day
edit-field-round = Round
edit-field-legitimacy = Legitimacy
edit-field-organization_id = Organization (id)
edit-field-election_id = Election (id)
edit-field-observers = Observers
edit-field-arrived_on = Arrived on
edit-field-verdict = Verdict
edit-field-verdict_quote = Verdict in the mission's words
edit-field-source_id = Source (id)
edit-field-name_original = Name in the original script
edit-field-affiliation = Affiliation
edit-field-individual_id = Individual (id)
edit-field-mission_id = Mission (id)
edit-field-role = Role
edit-field-statement = Statement
edit-field-statement_verdict = Verdict of the statement
edit-field-subject_type = Subject type
edit-field-subject_id = Subject (id)
edit-field-imposed_by = Imposed or published by
edit-field-imposed_on = Imposed on
edit-field-description = Description
edit-conflict-title = Someone saved this record meanwhile
edit-conflict-intro = The record changed after you opened the form. Nothing was saved. Compare your values with the stored ones below.
edit-conflict-gone = The record was deleted after you opened the form. Nothing was saved.
edit-conflict-column = Column
edit-conflict-mine = Your values
edit-conflict-theirs = Stored now
edit-conflict-retry = The form below holds your values. Save it again to replace the stored values, or change it first.
edit-delete-confirm = Delete this record? The deletion is recorded in the history, and an administrator can restore it.
edit-delete-button = Delete
edit-delete-changed = The record changed after you opened the confirmation. Nothing was deleted. Look at it again below.
edit-delete-refused = This record cannot be deleted while other records refer to it:
edit-back-to-record = Back to the record
edit-referred-missions = { $count ->
    [one] { $count } mission refers to this record.
   *[other] { $count } missions refer to this record.
}
edit-referred-participations = { $count ->
    [one] { $count } participation refers to this record.
   *[other] { $count } participations refer to this record.
}
edit-referred-sanctions = { $count ->
    [one] { $count } sanction or exposure refers to this record.
   *[other] { $count } sanctions or exposures refer to this record.
}
edit-referred-citations = { $count ->
    [one] { $count } record cites this source in its text.
   *[other] { $count } records cite this source in their text.
}
history-title = History of { $kind } { $id }
history-back-to-record = Back to the record
history-none = No change is recorded yet.
history-changes-title = Recent changes
history-changes-intro = Every change to the registry, newest first: who made it, when, and what it changed.
history-set-title = Change set { $id }
history-change-title = Change { $id }
history-col-when = When
history-col-who = Who
history-col-what = What
history-col-changes = Changed values
history-col-kind = Kind
history-col-summary = Summary
history-col-set = Change set
history-col-before = Before
history-col-after = After
history-empty-value = (empty)
history-action-insert = Created
history-action-update = Changed
history-action-delete = Deleted
history-action-restore = Restored
history-action-import = Imported
history-set-edit = Edit
history-set-delete = Deletion
history-set-restore = Restore
history-set-import = Import
history-set-moderation = Moderation
history-restore-button = Restore this record
history-restore-failed = The record was not restored
history-restore-not-a-deletion = Only a deleted record can be restored.
## Right of reply, corrections, moderation, administration and the web import
reply-title-reply = Reply: { $name }
reply-title-correction = Suggest a correction: { $name }
reply-heading-reply = Right of reply
reply-heading-correction = Suggest a correction
reply-about = This form is about
reply-right-of-reply = Anyone the registry names has a right of reply. If you are this person, or speak for this organization, write your answer here: once a curator has read it, it is published on the record's page with your name and the date.
reply-correction-intro = If something in this record is wrong, tell us what, and give a source that shows the correct fact. A curator checks every suggestion and its source before anything changes.
reply-moderated = A curator reads every message before anything is published or changed.
reply-throttled = Too many messages have been sent from your address in the last hour. Wait an hour and try again; what you typed is still in the form.
reply-errors = Some fields need your attention: see the messages below them.
reply-field-name = Your name
reply-name-published = Published with your reply.
reply-field-contact = How to reach you (email or telephone)
reply-contact-private = Seen only by the curators, to check who wrote and to answer you. It is never published.
reply-field-body = Your reply
reply-field-correction = What is wrong, and what is right
reply-body-limit = { $count ->
    [one] At most { $count } character.
   *[other] At most { $count } characters.
}
reply-field-source = Source (web address)
reply-source-hint = A page that shows the correct fact, starting with http:// or https://.
reply-honeypot = Leave this field empty
reply-send = Send
reply-back = Back to the record
reply-back-to = Back to { $name }
reply-error-required = This field is required.
reply-error-too-long = { $count ->
    [one] This is too long: at most { $count } character.
   *[other] This is too long: at most { $count } characters.
}
reply-error-control = This field contains control characters; type or paste plain text.
reply-error-url = Give a web address that starts with http:// or https://.
reply-sent-title = Thank you
reply-sent-reply = Your reply has been received. It goes to moderation: a curator reads it before it is published on the record's page, with your name and the date.
reply-sent-correction = Your suggestion has been received. It goes to moderation: a curator checks it and its source before anything in the record changes.
reply-sent-contact = Your contact details are seen only by the curators and are never published.
reply-replies-heading = Replies
reply-replies-intro = Answers from those this record names, published after moderation. They are their authors' words, not the registry's.
reply-by = { $name }, { $date }
reply-record-organization = organization
reply-record-election = election
reply-record-mission = mission
reply-record-individual = person
reply-record-participation = participation
reply-record-source = source
reply-record-sanction = sanction or exposure
moderation-title = Moderation queue
moderation-intro = Replies and corrections from the public, oldest first. Accepted replies appear on their record's page with the author's name and the date; corrections are for you to apply by editing the record. Contacts are shown here only.
moderation-empty = Nothing is waiting for moderation.
moderation-empty-page = This page of the queue is empty.
moderation-subject-gone = the record no longer exists
moderation-kind-reply = Reply
moderation-kind-correction = Correction
moderation-received = Received
moderation-author = Author
moderation-contact = Contact (never published)
moderation-source = Source
moderation-open-source = open
moderation-accept = Accept
moderation-reject = Reject
admin-title = Administration
admin-import-link = Import files
admin-users-heading = Accounts
admin-users-cli = Accounts are added on the server's command line: observer-registry user add NAME --role curator.
admin-col-name = User
admin-col-role = Role
admin-col-sessions = Open sessions
admin-col-actions = Actions
admin-col-started = Signed in
admin-col-last-seen = Last seen
admin-revoke = Sign out everywhere
admin-sessions-heading = Open sessions
admin-no-sessions = No session is open.
admin-role-curator = Curator
admin-role-admin = Administrator
import-title = Import files
import-upload-heading = Upload
import-intro = Upload files of the registry's CSV format (several at once), or one zip that holds them. You first see what the import would do; nothing changes until you confirm.
import-files-label = CSV files or a zip
import-limit = { $count ->
    [one] At most { $count } MB.
   *[other] At most { $count } MB.
}
import-check = Check the files
import-no-files = Choose at least one file.
import-bad-zip = The zip cannot be read.
import-zip-too-large = { $count ->
    [one] The zip unpacks to more than { $count } MB.
   *[other] The zip unpacks to more than { $count } MB.
}
import-problems-heading = Nothing was imported
import-problems-intro = { $count ->
    [one] The files have { $count } problem; fix it and upload them again.
   *[other] The files have { $count } problems; fix them and upload the files again.
}
import-dry-run-heading = What the import will do
import-dry-run-intro = The files passed every check. Nothing has changed yet: confirm to apply them, recorded as one change in the history.
import-col-file = File
import-col-inserted = New records
import-col-updated = Updated records
import-skipped = Files not imported (derived or not part of the format):
import-uploaded = Uploaded:
import-confirm = Apply the import
