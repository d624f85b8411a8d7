# Observer Registry — français. Mêmes identifiants que en.ftl.
# Pluriel : [one] 0 et 1 ; *[other] à partir de 2.

language-name = Français
site-name = Registre des observateurs
site-description = Le Registre des observateurs distingue les observateurs électoraux crédibles des observateurs complaisants, preuves et sources à l’appui.
skip-to-content = Aller au contenu
language-switcher = Langue
nav-label = Menu principal
nav-organizations = Organisations
nav-elections = Élections
nav-individuals = Personnes
nav-countries = Pays
nav-guide = Comment les distinguer
nav-methodology = Méthodologie
nav-data = Données
nav-about = À propos
nav-vet = Vérifier une liste
search-label = Rechercher dans le registre
search-placeholder = Un nom, une organisation
search-button = Rechercher
footer-what = Le Registre des observateurs consigne ce que les observateurs électoraux ont déclaré et ce que les observateurs crédibles ont constaté, avec une source pour chaque fait.
footer-about = À propos du registre
flag-disclaimer = Un signalement est la lecture par le registre de preuves publiées, pas une conclusion juridique.
go-home = Aller à la page d’accueil
details = détails
source = Source
source-named = Source : { $name }
archived-copy = copie archivée
required = obligatoire
quoted = « { $text } »
list-or = { $first } ou { $last }
percent = { $value } %
decimal-separator = ,
page-n = page { $page }
back-to-first-page = Revenir à la première page.
past-end = { $count ->
    [one] Il n’y a qu’une seule page de résultats.
   *[other] Il n’y a que { $count } pages de résultats.
}
guide-link-short = Comment reconnaître un observateur crédible
summary-label = Ce que le registre a trouvé

## Dates

date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-time = { $date }, { $time } UTC
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Nombres

count-organizations = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
count-elections = { $count ->
    [one] { $count } élection
   *[other] { $count } élections
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
    [one] { $count } personne
   *[other] { $count } personnes
}
count-countries = { $count ->
    [one] { $count } pays
   *[other] { $count } pays
}
observers-count = { $count ->
    [one] { $count } observateur
   *[other] { $count } observateurs
}

## Vocabulaires

verdict-positive = Positif
verdict-positive_with_reservations = Positif avec réserves
verdict-negative = Négatif
verdict-fraudulent = Frauduleux
verdict-none = Aucune évaluation publiée
verdict-positive-meaning = libre, équitable, démocratique, conforme aux normes ; aucun problème important signalé
verdict-positive_with_reservations-meaning = accepté dans l’ensemble ; des insuffisances relevées
verdict-negative-meaning = insuffisances importantes ; en deçà des engagements ; pas de véritable concurrence
verdict-fraudulent-meaning = résultat non crédible ; fraude ou manipulation décisive
verdict-none-meaning = la mission n’a publié aucune évaluation

rating-benchmark = Référence
rating-credible = Crédible
rating-concerns = Réserves
rating-low_quality = Complaisant
rating-insufficient_data = Données insuffisantes
rating-benchmark-meaning = Une référence crédible : le registre compare les autres observateurs à ses constats.
rating-credible-meaning = Ses évaluations concordent avec celles des observateurs crédibles, et rien de ce qui est consigné ne joue contre lui.
rating-concerns-meaning = Un élément consigné joue contre lui, sans atteindre les règles qui le classeraient comme complaisant.
rating-low_quality-meaning = Ne voyez pas dans ses évaluations la preuve qu’une élection était honnête : il a salué des élections que les observateurs crédibles ont jugées gravement viciées, observé un scrutin fantoche, ou a été sanctionné ou démasqué.
rating-insufficient_data-meaning = Aucune de ses évaluations consignées ne peut encore être comparée à celles d’observateurs crédibles.

flag-contradicts_credible_observers = Contredit les observateurs crédibles
flag-observed_sham_vote = A observé un scrutin fantoche
flag-no_dop = N’a pas adhéré à la Déclaration de principes
flag-short_term_only = Observation de courte durée uniquement
flag-silent = Silencieux
flag-sanctioned_or_exposed = Sanctionné ou démasqué
flag-low_quality_mission = A participé à une mission complaisante
flag-statement_contradicts_credible_observers = Déclaration contraire aux observateurs crédibles
flag-contradicts_credible_observers-sentence = A salué des élections que les observateurs crédibles ont jugées gravement viciées.
flag-observed_sham_vote-sentence = A observé un scrutin organisé sans base légale, par exemple en territoire occupé.
flag-no_dop-sentence = N’a pas adhéré à la Déclaration de principes pour l’observation internationale d’élections. Un signal faible à lui seul : personne ne vérifie les adhésions, et l’adhésion ne blanchit personne.
flag-short_term_only-sentence = N’a jamais déployé d’observateurs de longue durée : ses missions arrivaient autour du jour du scrutin, trop tard pour voir la campagne.
flag-silent-sentence = N’a publié aucune évaluation pour la plupart de ses missions.
flag-sanctioned_or_exposed-sentence = A été sanctionné, démasqué ou dissous ; les faits et leurs sources figurent ci-dessous.
flag-low_quality_mission-sentence = A participé à une mission d’une organisation que le registre juge complaisante.
flag-statement_contradicts_credible_observers-sentence = A publiquement salué une élection que les observateurs crédibles ont jugée gravement viciée.

organization-kind-intergovernmental = Organisation intergouvernementale
organization-kind-parliamentary = Assemblée parlementaire
organization-kind-international_ngo = ONG internationale
organization-kind-domestic_ngo = ONG nationale
organization-kind-private = Groupe privé
organization-kind-state_body = Organisme d’État
organization-kind-other = Autre

election-kind-presidential = élection présidentielle
election-kind-parliamentary = élections législatives
election-kind-general = élections générales
election-kind-referendum = référendum
election-kind-local = élections locales
election-kind-other = scrutin
election-kind-round = { $kind } ({ $round ->
    [1] 1er tour
   *[other] { $round }e tour
})
election-title = { $country }, { $kind }, { $date }

legitimacy-recognized = Scrutin reconnu
legitimacy-sham = Scrutin fantoche : organisé sans base légale

mission-kind-long_term = Observation de longue durée
mission-kind-short_term = Observation de courte durée
mission-kind-expert = Mission d’experts
mission-kind-assessment = Mission d’évaluation
mission-kind-delegation = Délégation
mission-kind-unknown = Type de mission inconnu

role-observer = Observateur
role-head_of_mission = Chef de mission
role-deputy_head_of_mission = Chef de mission adjoint
role-spokesperson = Porte-parole
role-member = Membre
role-organizer = Organisateur
role-other = Autre rôle

sanction-sanction = Sanction
sanction-exposure = Révélation
sanction-dissolution = Dissolution
sanction-by = par { $by }
sanctions-heading = Sanctions et révélations

## Comparaisons avec les observateurs crédibles, en mots simples

consensus-none = Aucun observateur crédible n’a évalué cette élection
divergence-contradicts = A salué l’élection alors que les observateurs crédibles l’ont jugée gravement viciée
divergence-kinder = Un peu plus indulgent que les observateurs crédibles
divergence-harsher = Plus sévère que les observateurs crédibles
divergence-agrees = En accord avec les observateurs crédibles
divergence-no-verdict = N’a publié aucune évaluation : rien à comparer
divergence-no-consensus = Aucun observateur crédible n’a évalué cette élection : rien à quoi comparer

condition-designated = les curateurs l’ont désignée comme référence
condition-any-flag = { $count ->
    [one] elle porte le signalement { $flags }
   *[other] elle porte le signalement { $flags }
}
condition-contradicted-once = elle a contredit les observateurs crédibles au moins une fois (même sous le seuil du signalement)
condition-no-comparable-mission = aucune de ses missions n’est comparable
condition-otherwise = sinon : ses évaluations comparables concordent avec le consensus

## Erreurs

error-bad-request-title = Requête incorrecte
error-method-title = Méthode non autorisée
error-busy-title = Occupé, réessayez
error-busy-heading = Le registre est occupé
error-not-found-title = Introuvable
error-no-page-title = Page introuvable
error-internal-title = Une erreur s’est produite
error-not-found-record = Le registre ne contient { $kind ->
    [organization] aucune organisation
    [election] aucune élection
    [mission] aucune mission
    [individual] aucune personne
    [country] aucun pays
   *[other] aucune fiche
} avec l’identifiant <code>{ $id }</code>.
error-not-found-hint = Les identifiants s’écrivent en minuscules, comme <code>osce-odihr</code> ou <code>tjk-2020-10-11-presidential</code>. Parcourez les <a href="/organizations">organisations</a>, les <a href="/elections">élections</a> ou les <a href="/individuals">personnes</a> pour le trouver.
error-no-page = Il n’y a pas de page à l’adresse <code>{ $path }</code>.
error-bad-request-intro = L’adresse demande quelque chose que le registre ne peut pas afficher :
error-must-be = doit être { $expected }.
error-bad-request-hint = Corrigez l’adresse, ou repartez de la liste des <a href="/organizations">organisations</a>, des <a href="/elections">élections</a> ou des <a href="/individuals">personnes</a>.
error-method = Cette adresse ne peut qu’être lue (GET ou HEAD).
error-method-form = Cette adresse est un formulaire : on peut l’ouvrir (GET ou HEAD) ou l’envoyer (POST).
error-method-action = Cette adresse n’accepte qu’un formulaire envoyé depuis les pages du registre (POST).
error-busy = Le registre ne peut pas joindre sa base de données pour le moment. Réessayez dans quelques secondes.
error-internal = Le registre n’a pas pu répondre à cette demande. L’erreur a été consignée ; réessayez dans un instant.
expected-page = un nombre entier de 1 à { $max }
expected-one-of = l’une des valeurs : { $codes }
expected-country = un code de pays ISO 3166-1 à trois lettres, comme TJK
expected-year = une année, comme 2020
expected-max-chars = au plus { $max } caractères
expected-no-control = un texte sans caractères de contrôle
expected-id = un identifiant, comme tjk-2020-10-11-presidential
expected-query-string = une chaîne de requête bien formée

## Accueil et à propos

home-title = Qui observe les élections, et peut-on leur faire confiance ?
home-heading = Qui a observé l’élection, et peut-on lui faire confiance ?
home-intro-1 = Les gouvernements qui organisent des élections truquées invitent souvent des observateurs qui les salueront : des groupes qui n’ont ni la volonté ni les moyens de repérer et de signaler les irrégularités. Quand un tel groupe déclare un scrutin « libre et équitable » alors que des observateurs crédibles l’ont jugé gravement vicié, les électeurs qui ne savent pas les distinguer sont trompés.
home-intro-2 = Le Registre des observateurs recense les organisations d’observateurs, leurs missions et les personnes qui y ont pris part, et place l’évaluation de chaque mission à côté des constats des observateurs crédibles pour la même élection — chaque fois avec sa source.
home-guide-link = Comment reconnaître un observateur électoral crédible
home-guide-why = une liste de questions à se poser quand des observateurs sont cités dans l’actualité.
home-search-label = Chercher un groupe d’observateurs
home-search-placeholder = p. ex. OCS, CEI, ОДИР, AFRIC
home-counts-heading = Dans le registre
home-trends-link = L’observation complaisante a-t-elle progressé ? Les missions par année et par note
home-recent-heading = Missions les plus récentes
home-recent-empty = Aucune mission n’est encore consignée.
recent-said = Son évaluation :

about-title = À propos
about-heading = À propos du Registre des observateurs
about-intro-1 = Les gouvernements autoritaires invitent des observateurs électoraux complaisants (« zombies », « fantômes ») : des groupes qui n’ont ni la volonté ni la capacité de repérer et de signaler les irrégularités. Ils sont souvent envoyés par des organisations régionales dirigées par des gouvernements autoritaires, ou par des structures privées de façade, et imitent l’apparence des missions professionnelles.
about-intro-2 = Quand ils saluent une élection que des observateurs crédibles ont jugée gravement viciée, les électeurs qui ne savent pas les distinguer y voient un signal positif.
about-example-intro = <strong>Un exemple tiré du registre :</strong>
example-praised = lors du scrutin « { $election } », son évaluation était
example-benchmark = un observateur crédible, lors du même scrutin :
example-compare = Comparer tous les observateurs de ce scrutin
about-records-heading = Ce que consigne le registre
about-records-organizations = Les <strong>organisations</strong> qui observent des élections, avec leurs autres noms dans toutes les écritures.
about-records-elections = Les <strong>élections</strong>, y compris les scrutins organisés sans base légale (scrutins « fantoches »).
about-records-missions = Les <strong>missions</strong> : une organisation qui observe une élection, avec l’évaluation qu’elle a publiée, une courte citation et la source.
about-records-individuals = Les <strong>personnes</strong> qui y ont pris part, dans quel rôle, et ce qu’elles ont déclaré publiquement, avec la source.
about-verdicts-heading = Comment les évaluations sont codées
about-verdicts-intro = L’évaluation de chaque mission est codée d’après sa propre déclaration ou son rapport, sur une échelle en quatre degrés :
about-flag-heading = Ce que signifie un signalement
about-flag = Un signalement est la lecture par le registre de preuves publiées, pas une conclusion juridique. Chaque fiche renvoie aux sources sur lesquelles elle repose, pour que chacun puisse les vérifier.
about-sources-heading = Sources et corrections
about-sources = Chaque évaluation, chaque participation et chaque fait à l’origine d’un signalement a une source : la déclaration d’une mission, un rapport du BIDDH de l’OSCE ou de l’UE, un article de presse ou un avis de sanctions. Les données sont publiées en données ouvertes sous licence CC BY 4.0.

## Méthodologie

methodology-title = Méthodologie, version { $version }
methodology-version = version { $version }
methodology-heading = Comment le registre note les observateurs
methodology-intro = Version de la méthodologie : <strong>{ $version }</strong>. Toutes les notes et tous les signalements de ce site, et tous les téléchargements, ont été calculés avec elle. Les seuils ci-dessous sont lus dans les réglages mêmes qu’applique le registre : cette page et les notes ne peuvent pas diverger.
methodology-scale-heading = 1. L’échelle des évaluations
methodology-scale-intro = L’évaluation de chaque mission est codée d’après ce que la mission elle-même a dit dans sa déclaration ou son rapport.
col-verdict = Évaluation
col-score = Score
col-meaning = Signification
methodology-consensus-heading = 2. Ce qu’ont constaté les observateurs crédibles
methodology-consensus = Les curateurs désignent quelques organisations comme <strong>références</strong> : des observateurs dotés d’une méthode publiée d’observation de longue durée, dont les constats servent de référence crédible. Le <strong>consensus des références</strong> pour une élection est la médiane des scores des missions de référence qui l’ont évaluée ; si elles sont en nombre pair, la moyenne des deux scores du milieu (il peut donc valoir 2,5). Les missions qui n’ont publié aucune évaluation sont écartées. Une élection qu’aucune mission de référence n’a évaluée n’a pas de consensus, et aucune évaluation la concernant ne peut être comparée.
methodology-readings-intro = En mots, un consensus :
methodology-reading-above = au-dessus de { $score } se lit « { $verdict } » ;
methodology-reading-lower = en dessous se lit « { $verdict } ».
methodology-reading-cutoff = Un consensus exactement égal à un seuil se lit comme l’évaluation la plus sévère.
methodology-divergence-heading = 3. Écart et contradiction
methodology-divergence = L’<strong>écart</strong> d’une mission est son score moins le consensus. Un écart de <strong>{ $threshold } ou plus</strong> — saluer une élection que les observateurs crédibles ont jugée gravement viciée — est une <strong>contradiction</strong>. Les observateurs régionaux sont souvent d’un cran plus indulgents que les missions de référence : c’est pourquoi un cran ne suffit pas. Une mission qui a un score, lors d’une élection qui a un consensus, est <strong>comparable</strong>.
methodology-flags-heading = 4. Signalements d’une organisation
methodology-flag-contradicts = Elle a contredit le consensus lors de { $count } élections ou plus, ou dans { $share } ou plus de ses missions comparables.
methodology-flag-sham = Elle a envoyé une mission à un scrutin organisé sans base légale, par exemple en territoire occupé. Observer un tel scrutin est en soi un signal d’alarme.
methodology-flag-no-dop = Elle ne figure pas parmi les signataires de la Déclaration de principes pour l’observation internationale d’élections de 2005. Ce n’est qu’un signal faible : personne ne vérifie les signataires, si bien que l’adhésion ne blanchit jamais une organisation, et ce signalement seul n’abaisse jamais une note.
methodology-flag-short-term = { $count ->
    [one] Parmi ses missions de type connu — au moins { $count } —, aucune n’a déployé d’observateurs de longue durée.
   *[other] Parmi ses missions de type connu — au moins { $count } —, aucune n’a déployé d’observateurs de longue durée.
}
methodology-flag-silent = Elle n’a publié aucune évaluation pour plus de { $share } de ses missions, et elle compte au moins { $count } missions.
methodology-flag-sanctioned = Un curateur a consigné, avec sa source, une sanction, une révélation ou une dissolution.
methodology-ratings-heading = 5. Notes
methodology-ratings-intro = La première règle qui s’applique donne la note :
methodology-or = ; ou
methodology-ratings-fair = La région, la taille ou le type d’une organisation n’entrent jamais en compte : une organisation dont les évaluations comparables concordent avec les observateurs crédibles n’est jamais jugée complaisante pour ce qu’elle est.
methodology-individual-heading = 6. Signalements d’une personne
methodology-individual-low-quality = Elle a participé à une mission d’une organisation jugée complaisante.
methodology-individual-sham = Elle a observé un scrutin organisé sans base légale.
methodology-individual-statement = L’une de ses déclarations publiques, codée sur l’échelle des évaluations, s’écarte du consensus de { $threshold } ou plus.
methodology-individual-sanctioned = Un curateur a consigné, avec sa source, une sanction ou une révélation.
methodology-individual-note = Participer à une observation n’est pas en soi un signalement : beaucoup de personnes citées ici ont observé avec des missions crédibles.
methodology-computation-heading = 7. Quand les notes sont calculées
methodology-computation = Les notes et les signalements sont recalculés pour tout le registre à chaque modification des données et à chaque changement de version de la méthodologie, pour que toutes les pages montrent les résultats d’une même version.

## Listes

filter-name-alias = Nom ou autre nom
filter-name-any-script = Nom, dans n’importe quelle écriture
filter-kind = Type
filter-any-kind = Tous les types
filter-based-in = Siège
filter-country = Pays
filter-any-country = Tous les pays
filter-rating = Note
filter-any-rating = Toutes les notes
filter-year = Année
filter-button = Filtrer
filter-clear = Effacer
col-name = Nom
col-rating = Note
col-kind = Type
col-based-in = Siège
col-missions = Missions
col-country = Pays
col-affiliation = Affiliation
col-elections = Élections
col-date = Date
col-vote = Scrutin
col-election = Élection
col-mission = Mission
col-credible-found = Constat des observateurs crédibles
col-source = Source
col-observer = Observateur
col-compared = Comparé aux observateurs crédibles
col-said = Ce qu’ils ont dit
col-role = Rôle
col-statement = Déclaration
col-flags = Signalements
download-rows = Télécharger ces lignes en CSV
download-all-link = tous les téléchargements et le dictionnaire des données
pager-label = Pages
pager-showing = Lignes { $first } à { $last } sur { $total }
pager-page = page { $page } sur { $pages }
pager-previous = Précédent
pager-next = Suivant
sham-vote-tag = scrutin fantoche
sham-vote-warning = Observer un scrutin sans base légale est en soi un signal d’alarme.

## Organisations

organizations-title = Organisations
organizations-heading = Organisations d’observateurs
organizations-none = Aucune organisation ne correspond à ces filtres.
organizations-show-all = Afficher toutes les organisations
organization-comparable = { $count ->
    [0] Aucune de ses missions ne peut encore être comparée aux observateurs crédibles.
    [one] { $count } de ses missions peut être comparée aux observateurs crédibles.
   *[other] { $count } de ses missions peuvent être comparées aux observateurs crédibles.
}
organization-contradicted = { $count ->
    [0] Elle ne les a jamais contredits.
    [one] Elle les a contredits lors d’une élection.
   *[other] Elle les a contredits lors de { $count } élections.
}
rated-by-methodology = Notée selon la <a href="/methodology">méthodologie, version { $version }</a>.
organization-benchmark = Observateur de référence : le registre se sert des constats de cette organisation comme référence crédible.
organization-aliases = Autres noms
organization-founded = Fondée le
organization-dissolved = Dissoute le
organization-dop = Déclaration de principes
organization-dop-yes = A adhéré à la Déclaration de principes pour l’observation internationale d’élections de 2005
organization-dop-no = Ne figure pas parmi les signataires de la Déclaration de principes pour l’observation internationale d’élections de 2005
organization-website = Site web
organization-why = Cette organisation figure dans le registre parce qu’elle a observé des élections ; chaque mission ci-dessous est consignée avec l’évaluation qu’elle a publiée et sa source.
flags-heading = Signalements
flags-how = Comment les signalements sont attribués
evidence-it-said = son évaluation :
evidence-credible-found = constat des observateurs crédibles :
evidence-more = { $count ->
    [one] et { $count } autre, dans le tableau des missions ci-dessous.
   *[other] et { $count } autres, dans le tableau des missions ci-dessous.
}
missions-heading = Missions
organization-no-missions = Aucune mission de cette organisation n’est consignée.
organization-no-missions-page = Aucune mission de cette organisation sur cette page.

## Personnes

individuals-title = Personnes
individuals-intro = Des personnes qu’une source cite comme observateurs, chefs de mission ou porte-parole lors d’une élection.
individuals-none = Personne ne correspond à ces filtres.
individuals-show-all = Afficher tout le monde
person-no-flags = Aucun signal d’alarme
person-no-flags-why = { $count ->
    [0] Aucune source du registre ne cite encore cette personne lors d’une élection.
    [one] Citée lors d’une élection. Aucun signal d’alarme ne s’applique : pas de mission d’un observateur complaisant, pas de scrutin fantoche, pas d’éloge public d’une élection jugée viciée par les observateurs crédibles, pas de sanction consignée.
   *[other] Citée lors de { $count } élections. Aucun signal d’alarme ne s’applique : pas de mission d’un observateur complaisant, pas de scrutin fantoche, pas d’éloge public d’une élection jugée viciée par les observateurs crédibles, pas de sanction consignée.
}
person-flags = { $count ->
    [one] Le registre a relevé { $count } signal d’alarme
   *[other] Le registre a relevé { $count } signaux d’alarme
}
person-flag-at = Lors de :
person-why = Cette personne figure dans le registre parce qu’une source publiée la cite parmi les participants à l’observation d’une élection, indiquée ci-dessous avec cette source.
person-elections-heading = Élections observées
person-no-participation = Aucune participation n’est consignée pour cette personne.
mission-link = mission
statement-reads-as = Lecture :

## Élections et missions

elections-title = Élections
elections-none = Aucune élection ne correspond à ces filtres.
elections-show-all = Afficher toutes les élections
election-consensus-heading = Ce qu’ont constaté les observateurs crédibles
election-benchmark-count = { $count ->
    [one] { $count } mission de référence a évalué cette élection.
   *[other] { $count } missions de référence ont évalué cette élection.
}
election-credible-found = Constat des observateurs crédibles :
election-contradictions = { $count ->
    [one] { $count } mission les a contredits, en saluant une élection que les observateurs crédibles ont jugée viciée. Elle est signalée ci-dessous.
   *[other] { $count } missions les ont contredits, en saluant une élection que les observateurs crédibles ont jugée viciée. Elles sont signalées ci-dessous.
}
election-no-consensus = Aucun observateur de référence n’a publié d’évaluation de cette élection : le registre ne peut pas comparer les évaluations ci-dessous à des constats crédibles.
election-consensus-note = Le constat des observateurs crédibles est l’évaluation médiane des missions de référence ; voir la <a href="/methodology">méthodologie</a>.
election-observers-heading = Ce qu’ont dit les observateurs
election-no-missions = Aucune mission d’observation n’est consignée pour cette élection.
election-benchmarks-first = Les observateurs de référence — organisations dont le registre se sert comme référence crédible — figurent en premier.
election-download = Télécharger ces missions en CSV
election-people-heading = Personnes citées lors de cette élection
mission-title = { $observer } : { $election }
mission-observers = Observateurs
mission-arrived = Arrivée
mission-how-computed = comment c’est calculé
mission-in-its-words = Dans ses propres mots
mission-members-heading = Membres cités
mission-no-members = Aucun membre de cette mission n’est cité dans le registre.

## Pays

countries-title = Pays
countries-none = Aucun pays n’est encore consigné.
country-elections-heading = Élections tenues ici
country-no-elections = Aucune élection n’est consignée pour ce pays : { $country }.
country-all-elections = Toutes les élections : { $country } ({ $count })
country-organizations-heading = Organisations d’observateurs basées ici
country-no-organizations = Aucune organisation d’observateurs basée dans ce pays n’est consignée : { $country }.
country-individuals-heading = Personnes originaires d’ici
country-no-individuals = Aucune personne originaire de ce pays n’est consignée : { $country }.
country-all-individuals = Toutes les personnes : { $country } ({ $count })

## Recherche

search-title = Recherche
search-title-query = Recherche : { $query }
search-heading = Rechercher dans le registre
search-results-for = Résultats pour « { $query } »
search-page-label = Nom d’un groupe d’observateurs, d’une personne, d’un pays ou d’une élection, dans n’importe quelle écriture
search-hint = L’orthographe, les accents, l’ordre des mots et l’alphabet n’ont pas d’importance : « Kovacs Bela » trouve Béla Kovács, « Малькевич » trouve Alexander Malkevich. Une liste entière à vérifier ?
search-vet-link = Vérifier une liste d’invités
search-try = Essayez
search-nothing = Rien dans le registre ne correspond à « { $query } ».
search-did-you-mean = Vouliez-vous dire
search-nothing-hint = Vérifiez l’orthographe, essayez avec moins de mots, ou parcourez les <a href="/organizations">organisations</a> et les <a href="/individuals">personnes</a>.
search-groups = Groupes de résultats
search-matched = Correspondance :
search-likeness = ressemblance { $percent }
search-more-organizations = { $total } organisations correspondent ; les { $shown } meilleures sont affichées.
search-see-all-organizations = Les voir toutes dans la liste des organisations
search-more-individuals = { $total } personnes correspondent ; les { $shown } meilleures sont affichées.
search-see-all-individuals = Les voir toutes dans la liste des personnes
search-all-elections = Toutes les élections correspondantes
reason-exact = même nom
reason-alias = autre nom
reason-transliterated = écrit dans un autre alphabet ou une autre graphie (translittéré)
reason-reordered = noms dans un autre ordre
reason-missing-names = noms manquants ou abrégés
reason-spelling = orthographe différente

## Vérification d’une liste

vet-title = Vérifier une liste d’invités
vet-intro = Vérifiez dans le registre les personnes et les groupes que vous comptez inviter comme observateurs électoraux. Les noms correspondent quelle que soit leur graphie : en alphabet latin ou cyrillique, avec ou sans accents, dans n’importe quel ordre, avec de petites fautes de frappe.
vet-confidential-label = Confidentiel :
vet-confidential = la liste envoyée est comparée en mémoire puis oubliée. Elle n’est ni enregistrée, ni écrite dans un journal, ni mise en cache ; la réponse demande aussi à votre navigateur de ne pas la conserver.
vet-error-heading = La liste n’a pas pu être vérifiée
vet-error-empty = La liste est vide. Collez au moins un nom, ou choisissez un fichier CSV.
vet-error-too-large = { $count ->
    [one] Le fichier est trop volumineux. Envoyez au plus { $count } ligne (2 Mo) ; découpez une liste plus longue en plusieurs parties.
   *[other] Le fichier est trop volumineux. Envoyez au plus { $count } lignes (2 Mo) ; découpez une liste plus longue en plusieurs parties.
}
vet-error-too-many-rows = La liste compte { $given } lignes ou plus ; on peut en vérifier au plus { $count } à la fois. Découpez-la en parties de { $count } lignes.
vet-error-not-utf8 = Le fichier n’est pas un texte UTF-8. Enregistrez-le au format « CSV UTF-8 » (dans un tableur : Enregistrer sous → CSV UTF-8) et envoyez-le de nouveau.
vet-error-no-name-column = Le fichier CSV n’a pas de colonne <code>name</code>. Il lui faut une ligne d’en-tête avec une colonne <code>name</code> et, si besoin, une colonne <code>organization</code>.
vet-error-columns-found = Ses colonnes sont :
vet-error-bad-csv = Le fichier CSV est illisible à la ligne { $line }. Vérifiez les guillemets et les virgules, ou collez plutôt les noms.
vet-error-bad-form = Le formulaire n’a pas pu être lu. Collez les noms ou choisissez un fichier, puis envoyez de nouveau le formulaire.
vet-names-label = Noms, un par ligne : <code>nom</code> ou <code>nom, organisation</code>
vet-or = ou
vet-file-label = Un fichier CSV (UTF-8) avec une colonne <code>name</code> et, si besoin, une colonne <code>organization</code>
vet-limit = { $count ->
    [one] Jusqu’à { $count } ligne. Si un fichier est choisi, il remplace les noms collés.
   *[other] Jusqu’à { $count } lignes. Si un fichier est choisi, il remplace les noms collés.
}
vet-check = Vérifier la liste
vet-download = Télécharger le rapport en CSV
vet-search-one = Chercher plutôt un seul nom
vet-how-decided = Comment les notes et les signalements sont attribués
vet-report-title = Rapport de vérification
vet-count-rows = { $count ->
    [one] ligne
   *[other] lignes
}
vet-count-matched = avec correspondance
vet-count-flagged = signalées
vet-count-low-quality = { $count ->
    [one] organisation complaisante
   *[other] organisations complaisantes
}
vet-report-note = « Signalées » compte les lignes qui correspondent à une fiche portant au moins un signalement autre que le faible « n’a pas adhéré à la Déclaration de principes ». Un signalement est la lecture par le registre de preuves publiées, pas une conclusion juridique : ouvrez chaque correspondance pour lire les preuves et leurs sources. Une correspondance est une identité probable, pas une certitude : regardez à quel point les noms se ressemblent et pourquoi ils correspondent.
vet-report-download = Télécharger ce rapport en CSV
col-submitted = Envoyé
col-matches = Correspondances dans le registre
col-row = Ligne
vet-no-match = Aucune correspondance dans le registre.
vet-type-organization = organisation
vet-type-individual = personne
vet-via-organization = , d’après la colonne organisation
vet-another = Vérifier une autre liste

## Téléchargements et versions

downloads-title = Téléchargements et dictionnaire des données
downloads-heading = Télécharger le registre
downloads-licence = Chaque table du registre est publiée en CSV sous la licence <a href="{ $url }" rel="license">{ $licence }</a> : merci de citer « Observer Registry ».
downloads-methodology = Les notes et les signalements ont été calculés avec la <a href="/methodology">méthodologie, version { $version }</a> ; la version figure dans chaque ligne de <code>flags.csv</code> et de <code>ratings.csv</code>.
downloads-everything = Tout télécharger
downloads-everything-what = tous les fichiers ci-dessous, plus <code>datapackage.json</code>, un descripteur <a href="https://specs.frictionlessdata.io/data-package/">Frictionless Data Package</a>, pour que pandas, R ou les outils frictionless lisent les colonnes avec leurs types.
downloads-api = Les mêmes fiches sont disponibles une à une en JSON via l’<a href="/api">API</a>, et des tableaux de noms peuvent être rapprochés du registre dans OpenRefine.
downloads-format = Les fichiers sont en UTF-8, séparés par des virgules, avec une ligne d’en-tête et des guillemets selon la RFC 4180 ; les dates sont au format <code>YYYY-MM-DD</code>, les booléens <code>true</code>/<code>false</code>, et une cellule vide signifie l’absence de valeur. Les lignes sont triées par identifiant, et les identifiants sont stables. Les listes d’organisations, d’élections et de personnes proposent aussi leurs lignes filtrées en CSV.
col-file = Fichier
col-contents = Contenu
col-rows = Lignes
col-last-change = Dernière modification
downloads-columns = Colonnes
downloads-dictionary = Dictionnaire des données
downloads-dictionary-english = Le dictionnaire des données décrit les colonnes des fichiers, dont les noms et les valeurs sont en anglais.
downloads-derived = Calculé par la méthodologie ; refusé par l’importateur.
col-column = Colonne
col-type = Type
col-allowed = Valeurs admises
col-example = Exemple
downloads-reference = un <code>{ $field }</code> de <a href="#{ $table }.csv">{ $table }.csv</a>
cite-heading = Comment citer les données
cite-current = Les données actuelles sont la <strong>version { $release }</strong>, publiée le { $date }.
cite-methodology = Elles ont été notées avec la méthodologie, version { $version }. Citation suggérée :
cite-releases = Chaque version reste téléchargeable à son adresse ; la liste de <a href="/downloads/releases">toutes les versions</a> indique ce que chacune a changé.
releases-title = Versions des données
releases-intro = Chaque import qui modifie le registre crée une nouvelle version numérotée. Le fichier <code>registry.zip</code> de chaque version reste téléchargeable à sa propre adresse, à l’octet près tel qu’il a été publié, pour qu’une étude puisse citer exactement les données qu’elle a utilisées. Les données actuelles sont toujours sur <a href="/downloads">la page des téléchargements</a>.
releases-none = Aucune version n’a encore été publiée.
col-release = Version
col-published = Publiée
col-changes = Modifications
col-download = Téléchargement
release-change = { $added } ajoutées, { $changed } modifiées, { $removed } supprimées ({ $rows } lignes)

## API

api-title = API pour les chercheurs
api-heading = Le registre en données : l’API
api-intro = Chaque liste et chaque fiche du registre est disponible en JSON sous <code>/api/v1/</code>, avec les mêmes identifiants que les <a href="/downloads">téléchargements CSV</a>. Les données sont publiées sous licence CC BY 4.0 ; merci de citer la <a href="/downloads/releases">version des données</a> utilisée.
api-no-key = <strong>Ni clé ni inscription.</strong> Chaque point d’accès répond à <code>GET</code> depuis n’importe quelle origine (CORS ouvert).
api-lists = Les <strong>listes</strong> acceptent les filtres de la page correspondante et un numéro de <code>page</code> ; chaque réponse indique <code>total</code> et donne les pages <code>next</code> et <code>previous</code> sous forme de liens.
api-records = Les <strong>fiches</strong> contiennent ce que montre leur page : une organisation avec sa note et la version de la méthodologie qui l’a produite, ses signalements avec les identifiants des preuves, et ses missions ; une élection avec l’évaluation de chaque observateur et le consensus des références.
api-caching = <strong>Cache</strong> : chaque réponse a un <code>ETag</code> ; renvoyez-le dans <code>If-None-Match</code> et une réponse inchangée ne coûte qu’un <code>304</code>.
api-releases = <strong>Versions</strong> : l’en-tête <code>X-Registry-Release</code> indique la version des données dont provient une réponse.
api-errors = Les <strong>erreurs</strong> sont aussi en JSON : <code>{"{"}"error": "…", "status": 404{"}"}</code>, avec le statut qu’aurait une page (400, 404, 405, 413 ou 503).
api-openapi = La description lisible par machine est <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1), générée à partir du code qui répond. Par exemple, en Python :
api-endpoints = Points d’accès
api-reference-english = La référence ci-dessous est générée à partir du code, en anglais.
col-parameter = Paramètre
col-in = Où
api-example-request = Exemple de requête :
api-example-response = Réponse (<code>200</code> ; les longues listes sont coupées à leurs premiers éléments) :
api-reconcile-heading = Service de rapprochement pour OpenRefine
api-reconcile-intro = <code>/api/reconcile</code> suit la version 0.2 de la <a href="https://reconciliation-api.github.io/specs/0.2/">Reconciliation Service API</a> du groupe W3C Entity Reconciliation. Dans OpenRefine, choisissez une colonne de noms, puis <em>Reconcile → Start reconciling → Add standard service</em>, et donnez l’adresse <code>/api/reconcile</code> de ce site. Les noms sont rapprochés comme dans la <a href="/search">recherche</a> et la <a href="/vet">vérification de listes</a> : toute écriture, autres romanisations, autres noms, fautes de frappe et autre ordre des mots.
col-request = Requête
col-answer = Réponse
api-reconcile-manifest = Le manifeste du service : types <code>organization</code> et <code>individual</code>, services de vue, d’aperçu et de suggestion.
api-reconcile-queries = Un lot de requêtes, un objet JSON comme <code>{"{"}"q0": {"{"}"query": "Шанхайская организация сотрудничества", "type": "organization", "limit": 3, "properties": [{"{"}"pid": "country", "v": "CHN"{"}"}]{"}"}{"}"}</code> ; chaque réponse liste des candidats avec <code>id</code>, <code>name</code>, <code>score</code> (0–100), <code>match</code> (correspondance sûre) et une description avec la note et les signalements. La propriété <code>country</code> (un code ou un nom) favorise les fiches de ce pays.
api-reconcile-suggest = Les fiches dont le nom correspond au préfixe ou commence par lui. <code>suggest/type</code> et <code>suggest/property</code> complètent les types et les propriétés.
api-reconcile-preview = Une petite fiche HTML avec le nom, la note et les signalements.
api-reconcile-view = Redirige vers la page de la fiche.
preview-rating = Note : { $rating }

## Guide

guide-title = Comment reconnaître un observateur électoral crédible
guide-intro = Quand des observateurs cités dans l’actualité déclarent une élection « libre et équitable », posez ces six questions. Chacune renvoie à des cas réels du registre.
guide-in-registry = Dans le registre :
guide-who-heading = Qui les a envoyés, et qui a payé ?
guide-who = Une mission crédible nomme l’organisation qui l’envoie et dit comment elle est financée. Méfiez-vous des groupes apparus peu avant le scrutin, payés par le gouvernement qui organise l’élection, ou sanctionnés ou démasqués comme structures de façade.
guide-long-heading = Sont-ils restés des semaines, ou une journée ?
guide-long = La fraude se prépare surtout bien avant le jour du vote : dans l’enregistrement des candidats, les médias, le dépouillement. Les missions crédibles déploient des observateurs de longue durée des semaines à l’avance et restent jusqu’au décompte. Une délégation venue pour le jour du scrutin voit peu de choses.
guide-report-heading = Ont-ils publié une méthode et un rapport final ?
guide-report = Les observateurs crédibles expliquent comment ils ont observé et publient un rapport final détaillé, avec les problèmes et des recommandations. Une conférence de presse élogieuse sans rapport est un signal d’alarme.
guide-independent-heading = Sont-ils indépendants du gouvernement observé ?
guide-independent = Des observateurs invités, logés et payés par les autorités qu’ils évaluent, ou prêts à observer un scrutin organisé sans base légale, par exemple en territoire occupé, ne sont pas indépendants.
guide-match-heading = Leurs constats concordent-ils avec ceux des observateurs reconnus ?
guide-match = Comparez ce qu’ils ont dit avec ce qu’ont constaté, lors de la même élection, des observateurs reconnus dotés d’une méthode publiée d’observation de longue durée. Saluer une élection que ces observateurs ont jugée gravement viciée est le signal d’alarme le plus fort.
guide-established = Observateurs reconnus auxquels le registre compare :
guide-dop-heading = Signer la Déclaration de principes ne prouve rien à soi seul
guide-dop = La Déclaration de principes pour l’observation internationale d’élections de 2005 fixe de bonnes normes, mais personne ne vérifie qui y adhère. L’adhésion ne rend jamais un observateur crédible ; ce qu’il a fait lors des élections, si.
guide-ratings-heading = Ce que signifient les notes
guide-ratings-intro = Le registre résume en une note ce qu’il a trouvé sur chaque organisation. Chaque note est expliquée en mots, jamais par la seule couleur.
guide-ratings-list = Voir ces organisations
guide-more = Les règles exactes figurent sur la page <a href="/methodology">méthodologie</a>. Un signalement est la lecture par le registre de preuves publiées, pas une conclusion juridique.

## Graphiques

chart-verdicts-title = Ses évaluations face aux constats des observateurs crédibles, élection par élection
chart-verdicts-compared = { $count ->
    [0] Aucune de ses évaluations ne peut être comparée aux observateurs crédibles.
    [one] { $count } évaluation peut être comparée aux observateurs crédibles.
   *[other] { $count } évaluations peuvent être comparées aux observateurs crédibles.
}
chart-verdicts-contradictions = { $count ->
    [0] Aucune ne les contredit.
    [one] { $count } les contredit.
   *[other] { $count } les contredisent.
}
chart-verdicts-legend = Points : ce qu’a dit l’organisation ; carrés : ce qu’ont constaté les observateurs crédibles lors de la même élection ; un trait rouge épais relie les deux quand elle a salué une élection qu’ils ont jugée gravement viciée. Chaque mission figure dans le tableau ci-dessous.
chart-credible = observateurs crédibles :
trends-title = Missions par année, selon la note de l’observateur
trends-intro = Chaque barre compte les missions d’observation d’une année, à partir de { $since }, réparties selon la note que le registre donne à l’organisation qui les a envoyées. On voit ainsi si l’observation complaisante a progressé.
trends-desc = Un histogramme des missions par année, jusqu’à { $max } par an ; les mêmes chiffres figurent dans le tableau ci-dessous.
trends-unrated = Sans note
trends-table-heading = Les chiffres
col-year = Année
col-low-quality-share = Part envoyée par des observateurs complaisants
trends-note = Le registre consigne les missions dont ses curateurs ont trouvé les sources ; une année avec peu de missions peut être une année peu documentée plutôt qu’une année avec peu d’envois. Voir le <a href="/guide">guide</a> pour le sens des notes.

## Flux

feed-title = Registre des observateurs : fiches nouvelles et modifiées
feed-subtitle = Chaque version des données du registre avec ce qu’elle a changé, et les missions d’observation les plus récentes avec leurs évaluations.
feed-release = Version des données { $release } ({ $date })

## Accounts, sign-in and the errors of write routes
error-forbidden-title = Refusé
error-csrf = Ce formulaire n’a pas été envoyé depuis une page de ce site, ou il est trop ancien. Rouvrez la page et envoyez le formulaire depuis celle-ci.
error-admin-only = Seul un administrateur du registre peut faire cela.
error-sign-in-title = Connectez-vous d’abord
error-sign-in = Connectez-vous en tant que curateur pour continuer.
error-too-large-title = Trop volumineux
error-too-large = Ce qui a été envoyé dépasse ce que le registre accepte.
login-title = Connexion des curateurs
login-intro = Les curateurs tiennent le registre à jour. Consulter le registre ne demande aucun compte.
login-name = Nom d’utilisateur
login-password = Mot de passe
login-button = Se connecter
login-invalid = Le nom d’utilisateur ou le mot de passe est incorrect.
login-throttled = Trop de tentatives échouées. Attendez un quart d’heure et réessayez.
logout-title = Déconnexion
logout-signed-in-as = Vous êtes connecté en tant que { $name }.
logout-button = Se déconnecter
logout-not-signed-in = Vous n’êtes pas connecté.
account-bar-label = Curateur
account-signed-in-as = Connecté en tant que { $name }
account-changes = Modifications
account-moderation = Modération
account-admin = Administration
account-sign-out = Se déconnecter
record-tools-label = Cette fiche
record-history = Historique
record-reply = Répondre à cette fiche
record-correct = Proposer une correction
record-edit = Modifier
record-delete = Supprimer

## Editing records, their history and restoring them
edit-index-title = Nouvelles fiches
edit-index-intro = Chaque fiche repose sur une source : ajoutez d'abord la source, puis les fiches qui la citent.
edit-new-organization = Nouvelle organisation
edit-new-election = Nouvelle élection
edit-new-mission = Nouvelle mission
edit-new-individual = Nouvelle personne
edit-new-participation = Nouvelle participation
edit-new-source = Nouvelle source
edit-new-sanction = Nouvelle sanction ou révélation
edit-kind-organization = organisation
edit-kind-election = élection
edit-kind-mission = mission
edit-kind-individual = personne
edit-kind-participation = participation
edit-kind-source = source
edit-kind-sanction = sanction
edit-title = Modifier : { $kind } { $id }
edit-delete-title = Supprimer : { $kind } { $id }
edit-required = obligatoire
edit-save = Enregistrer
edit-yes = Oui
edit-no = Non
edit-none = (aucun)
edit-field-id = Identifiant
edit-field-url = Adresse (URL)
edit-field-title = Titre
edit-field-publisher = Éditeur
edit-field-published_on = Publié le
edit-field-archived_url = Copie archivée (URL)
edit-field-name = Nom
edit-field-acronym = Sigle
edit-field-aliases = Autres noms (séparés par |)
edit-field-kind = Type
edit-field-hq_country = Pays du siège (code ISO)
edit-field-founded_on = Fondée le
edit-field-dissolved_on = Dissoute le
edit-field-dop_endorser = A souscrit à la Déclaration de principes
edit-field-benchmark = Référence
edit-field-benchmark_reason = Pourquoi c'est une référence
edit-field-website = Site web
edit-field-notes = Notes
edit-field-country = Pays (code ISO)
edit-field-held_on = Jour du scrutin
edit-field-round = Tour
edit-field-legitimacy = Légitimité
edit-field-organization_id = Organisation (identifiant)
edit-field-election_id = Élection (identifiant)
edit-field-observers = Observateurs
edit-field-arrived_on = Arrivée le
edit-field-verdict = Verdict
edit-field-verdict_quote = Verdict dans les mots de la mission
edit-field-source_id = Source (identifiant)
edit-field-name_original = Nom dans l'écriture d'origine
edit-field-affiliation = Fonction ou affiliation
edit-field-individual_id = Personne (identifiant)
edit-field-mission_id = Mission (identifiant)
edit-field-role = Rôle
edit-field-statement = Déclaration
edit-field-statement_verdict = Verdict de la déclaration
edit-field-subject_type = Type de sujet
edit-field-subject_id = Sujet (identifiant)
edit-field-imposed_by = Imposée ou publiée par
edit-field-imposed_on = Imposée le
edit-field-description = Description
edit-conflict-title = Quelqu'un a enregistré cette fiche entre-temps
edit-conflict-intro = La fiche a changé après l'ouverture du formulaire. Rien n'a été enregistré. Comparez vos valeurs avec celles enregistrées ci-dessous.
edit-conflict-gone = La fiche a été supprimée après l'ouverture du formulaire. Rien n'a été enregistré.
edit-conflict-column = Colonne
edit-conflict-mine = Vos valeurs
edit-conflict-theirs = Enregistré maintenant
edit-conflict-retry = Le formulaire ci-dessous contient vos valeurs. Enregistrez-le de nouveau pour remplacer les valeurs enregistrées, ou modifiez-le d'abord.
edit-delete-confirm = Supprimer cette fiche ? La suppression est inscrite dans l'historique, et un administrateur peut la rétablir.
edit-delete-button = Supprimer
edit-delete-changed = La fiche a changé après l'ouverture de la confirmation. Rien n'a été supprimé. Regardez-la de nouveau ci-dessous.
edit-delete-refused = Cette fiche ne peut pas être supprimée tant que d'autres fiches s'y réfèrent :
edit-back-to-record = Retour à la fiche
edit-referred-missions = { $count ->
    [one] { $count } mission se réfère à cette fiche.
   *[other] { $count } missions se réfèrent à cette fiche.
}
edit-referred-participations = { $count ->
    [one] { $count } participation se réfère à cette fiche.
   *[other] { $count } participations se réfèrent à cette fiche.
}
edit-referred-sanctions = { $count ->
    [one] { $count } sanction ou révélation se réfère à cette fiche.
   *[other] { $count } sanctions ou révélations se réfèrent à cette fiche.
}
edit-referred-citations = { $count ->
    [one] { $count } fiche cite cette source dans son texte.
   *[other] { $count } fiches citent cette source dans leur texte.
}
history-title = Historique : { $kind } { $id }
history-back-to-record = Retour à la fiche
history-none = Aucune modification n'est encore inscrite.
history-changes-title = Modifications récentes
history-changes-intro = Toutes les modifications du registre, les plus récentes d'abord : qui, quand, et ce qui a changé.
history-set-title = Lot de modifications { $id }
history-change-title = Modification { $id }
history-col-when = Quand
history-col-who = Qui
history-col-what = Quoi
history-col-changes = Valeurs modifiées
history-col-kind = Type
history-col-summary = Résumé
history-col-set = Lot de modifications
history-col-before = Avant
history-col-after = Après
history-empty-value = (vide)
history-action-insert = Créée
history-action-update = Modifiée
history-action-delete = Supprimée
history-action-restore = Rétablie
history-action-import = Importée
history-set-edit = Modification
history-set-delete = Suppression
history-set-restore = Rétablissement
history-set-import = Import
history-set-moderation = Modération
history-restore-button = Rétablir cette fiche
history-restore-failed = La fiche n'a pas été rétablie
history-restore-not-a-deletion = Seule une fiche supprimée peut être rétablie.
## Right of reply, corrections, moderation, administration and the web import
reply-title-reply = Réponse : { $name }
reply-title-correction = Proposer une correction : { $name }
reply-heading-reply = Droit de réponse
reply-heading-correction = Proposer une correction
reply-about = Ce formulaire concerne
reply-right-of-reply = Toute personne ou organisation citée par le registre dispose d'un droit de réponse. Si c'est vous, ou si vous parlez au nom de cette organisation, écrivez votre réponse ici : une fois lue par un curateur, elle est publiée sur la page de la fiche avec votre nom et la date.
reply-correction-intro = Si quelque chose est inexact dans cette fiche, dites-nous quoi et indiquez une source qui montre le fait exact. Un curateur vérifie chaque proposition et sa source avant toute modification.
reply-moderated = Un curateur lit chaque message avant toute publication ou modification.
reply-throttled = Trop de messages ont été envoyés depuis votre adresse au cours de la dernière heure. Attendez une heure et réessayez ; votre texte est toujours dans le formulaire.
reply-errors = Certains champs sont à corriger : voir les messages sous ces champs.
reply-field-name = Votre nom
reply-name-published = Publié avec votre réponse.
reply-field-contact = Comment vous joindre (courriel ou téléphone)
reply-contact-private = Visible uniquement par les curateurs, pour vérifier qui a écrit et vous répondre. Jamais publié.
reply-field-body = Votre réponse
reply-field-correction = Ce qui est inexact, et ce qui est exact
reply-body-limit = { $count ->
    [one] Au plus { $count } caractère.
   *[other] Au plus { $count } caractères.
}
reply-field-source = Source (adresse web)
reply-source-hint = Une page qui montre le fait exact, dont l'adresse commence par http:// ou https://.
reply-honeypot = Laissez ce champ vide
reply-send = Envoyer
reply-back = Retour à la fiche
reply-back-to = Retour à { $name }
reply-error-required = Ce champ est obligatoire.
reply-error-too-long = { $count ->
    [one] Trop long : au plus { $count } caractère.
   *[other] Trop long : au plus { $count } caractères.
}
reply-error-control = Ce champ contient des caractères de contrôle ; saisissez ou collez du texte simple.
reply-error-url = Indiquez une adresse web commençant par http:// ou https://.
reply-sent-title = Merci
reply-sent-reply = Votre réponse a bien été reçue. Elle passe en modération : un curateur la lit avant sa publication sur la page de la fiche, avec votre nom et la date.
reply-sent-correction = Votre proposition a bien été reçue. Elle passe en modération : un curateur la vérifie, ainsi que sa source, avant toute modification de la fiche.
reply-sent-contact = Vos coordonnées ne sont visibles que par les curateurs et ne sont jamais publiées.
reply-replies-heading = Réponses
reply-replies-intro = Réponses des personnes et organisations citées par cette fiche, publiées après modération. Ce sont les mots de leurs auteurs, pas ceux du registre.
reply-by = { $name }, { $date }
reply-record-organization = organisation
reply-record-election = élection
reply-record-mission = mission
reply-record-individual = personne
reply-record-participation = participation
reply-record-source = source
reply-record-sanction = sanction ou révélation
moderation-title = File de modération
moderation-intro = Réponses et corrections du public, les plus anciennes d'abord. Les réponses acceptées apparaissent sur la page de leur fiche avec le nom de l'auteur et la date ; les corrections, c'est à vous de les appliquer en modifiant la fiche. Les coordonnées ne sont visibles qu'ici.
moderation-empty = Rien n'attend de modération.
moderation-empty-page = Cette page de la file est vide.
moderation-subject-gone = la fiche n'existe plus
moderation-kind-reply = Réponse
moderation-kind-correction = Correction
moderation-received = Reçu le
moderation-author = Auteur
moderation-contact = Coordonnées (jamais publiées)
moderation-source = Source
moderation-open-source = ouvrir
moderation-accept = Accepter
moderation-reject = Rejeter
admin-title = Administration
admin-import-link = Importer des fichiers
admin-users-heading = Comptes
admin-users-cli = Les comptes s'ajoutent en ligne de commande sur le serveur : observer-registry user add NOM --role curator.
admin-col-name = Utilisateur
admin-col-role = Rôle
admin-col-sessions = Sessions ouvertes
admin-col-actions = Actions
admin-col-started = Connexion
admin-col-last-seen = Dernière activité
admin-revoke = Déconnecter partout
admin-sessions-heading = Sessions ouvertes
admin-no-sessions = Aucune session ouverte.
admin-role-curator = Curateur
admin-role-admin = Administrateur
import-title = Importer des fichiers
import-upload-heading = Envoi
import-intro = Envoyez des fichiers au format CSV du registre (plusieurs à la fois), ou une archive zip qui les contient. Vous voyez d'abord ce que ferait l'import ; rien ne change avant votre confirmation.
import-files-label = Fichiers CSV ou archive zip
import-limit = { $count ->
    [one] Au plus { $count } Mo.
   *[other] Au plus { $count } Mo.
}
import-check = Vérifier les fichiers
import-no-files = Choisissez au moins un fichier.
import-bad-zip = L'archive zip est illisible.
import-zip-too-large = { $count ->
    [one] L'archive se décompresse en plus de { $count } Mo.
   *[other] L'archive se décompresse en plus de { $count } Mo.
}
import-problems-heading = Rien n'a été importé
import-problems-intro = { $count ->
    [one] Les fichiers comportent { $count } problème ; corrigez-le et envoyez-les de nouveau.
   *[other] Les fichiers comportent { $count } problèmes ; corrigez-les et envoyez les fichiers de nouveau.
}
import-dry-run-heading = Ce que fera l'import
import-dry-run-intro = Les fichiers ont passé tous les contrôles. Rien n'a encore changé : confirmez pour les appliquer, ce qui sera enregistré comme une seule modification dans l'historique.
import-col-file = Fichier
import-col-inserted = Nouvelles fiches
import-col-updated = Fiches mises à jour
import-skipped = Fichiers non importés (dérivés ou hors du format) :
import-uploaded = Envoyé :
import-confirm = Appliquer l'import
