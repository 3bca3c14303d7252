"""Kinds, modality, units and cumulative flags of issue 10's error classes (invented sentences)."""

from datetime import date

import pytest

from geo.articles import make_article
from geo.figures import KINDS, MODALITIES, find_figures

DAY = date(2021, 6, 10)


def only(sentence: str):
    [f] = find_figures(make_article(sentence, published=DAY))
    return f


@pytest.mark.parametrize(
    ("sentence", "kind", "modality"),
    [
        ("Some 3,000 fighters remain encircled in the steel plant.", "fighters", "reported"),
        (
            "About 400 people could still be remaining in the old quarter.",
            "civilians_remaining",
            "possible",
        ),
        ("The brigade had lost 120 fighters by the end of the week.", "killed", "reported"),
        ("More than 5,000 people attended a rally in the square.", "other", "reported"),
        ("Up to 200,000 residents are expected to leave the valley.", "displaced", "expected"),
        ("The camp now holds 62,000 people, most of them women.", "camp_population", "reported"),
        ("Nearly 70,000 people live in the camp on the plain.", "camp_population", "reported"),
        ("The country hosts 3.6 million refugees.", "refugees", "reported"),
        ("Gunmen kidnapped 35 villagers on the road.", "missing", "reported"),
        ("At least 14 villagers were abducted last month.", "missing", "reported"),
        ("There may be a thousand fighters left in the town.", "fighters", "possible"),
        ("Perhaps 2,000 civilians are left inside the city.", "civilians_remaining", "possible"),
    ],
)
def test_kind_and_modality(sentence, kind, modality):
    f = only(sentence)
    assert (f.kind, f.modality) == (kind, modality)
    assert f.kind in KINDS and f.modality in MODALITIES


def test_families_stay_families():
    f = only("Some 200 families fled the village overnight.")
    assert (f.kind, f.unit, f.value, f.low, f.high) == ("displaced", "families", 200, 180, 220)
    assert f.label == "Some 200 families fled"


def test_modal_words_are_kept_in_the_label():
    assert only("There may be a thousand fighters left in the town.").label.startswith(
        "may be a thousand"
    )
    assert only("Up to 200,000 residents are expected to leave the valley.").label == (
        "Up to 200,000 residents expected to leave"
    )


def test_hedge_words_as_printed_never_signs():
    assert only("Nearly 40,000 people were displaced.").label == "Nearly 40,000 people displaced"


@pytest.mark.parametrize(
    ("sentence", "cumulative"),
    [
        ("In total, 12,000 people have fled since the offensive began.", True),
        ("So far 300 civilians have been killed.", True),
        ("On Tuesday 300 people fled the shelling.", False),
    ],
)
def test_cumulative_totals(sentence, cumulative):
    assert only(sentence).cumulative is cumulative


def test_since_a_month_runs_from_it_to_publication():
    f = only("More than 9,000 people have fled since March.")
    assert (f.date_start, f.date_end, f.cumulative) == (date(2021, 3, 1), DAY, True)


def test_an_article_is_never_refused_for_a_date_expression():
    article = make_article("Over the past 5000 years the valley was farmed. 200 people fled.")
    assert [f.kind for f in find_figures(article)] == ["displaced"]


def test_counts_in_a_list_share_the_verb_before_them():
    text = "The shelling killed six soldiers, five Russian soldiers and 12 civilians."
    kinds = [f.kind for f in find_figures(make_article(text, published=DAY))]
    assert kinds == ["killed", "killed", "killed"]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Three guards died and 11 were wounded at the depot.", ["killed", "wounded"]),
        ("One medic died while four more were hospitalised.", ["killed", "wounded"]),
        ("The raid killed 40 militiamen and wounded another 75.", ["killed", "wounded"]),
        ("Shelling killed or wounded 230 conscripts near the bridge.", ["killed"]),
        ("Dozens of militiamen were killed and wounded in the ambush.", ["killed"]),
        ("The brigade suffered 300 casualties in the valley.", ["killed"]),
        ("Divers recovered the bodies of 14 villagers and 3 soldiers.", ["killed", "killed"]),
        ("The fire caused the deaths of 9 villagers and hurt many others.", ["killed"]),
        ("The gang freed 16 hostages it had seized in the spring.", ["missing"]),
        ("Contact was lost with 12 paratroopers after the drop.", ["missing"]),
        ("Of the 90 troops in the company, just 26 were left.", ["fighters", "fighters"]),
        ("From 300 men in the battalion only 40 remained.", ["fighters", "fighters"]),
        ("The column was said to have consisted of 700 men and 50 trucks.", ["fighters"]),
        ("The navy has 4,000 marines on the island.", ["other"]),
        ("Several suicide bombers attacked the checkpoint.", ["fighters"]),
        ("Tens of rebel fighters retreated across the river.", ["fighters"]),
    ],
)
def test_kinds_of_battle_reports(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("By then 50 rebels, 21 soldiers and 8 civilians had been killed.", ["killed"] * 3),
        ("Six guards, one of them a cook, were shot dead at the gate.", ["killed", "killed"]),
        ("12 workers had been killed and 30 people wounded by the blast.", ["killed", "wounded"]),
        ("The militia freed some 400 prisoners from the jail.", ["other"]),
        ("The gendarmes arrested 40 prisoners who had escaped.", ["detained"]),
        ("Nearly 9,000 civilians still lived in the besieged quarter.", ["civilians_remaining"]),
        ("The army captured 600 square kilometers of land in a week.", ["territory_area"]),
        ("The rebels lost 35 square miles to the advance.", ["territory_area"]),
        ("A unit of 25 police officers guarded the police station.", ["fighters"]),
    ],
)
def test_lists_asides_freed_prisoners_and_areas(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ('Observers counted 45 killed in the raid and "at least 90" killed by drones.', "killed"),
        ("Of the unit, 300 reportedly killed in the first week.", "killed"),
        ("Later 14 fleeing villagers were killed at the ford.", "killed"),
        ("About 5,000 internally displaced people live near the river.", "displaced"),
    ],
)
def test_a_verb_after_the_number_speaks_for_it(sentence, kind):
    assert find_figures(make_article(sentence, published=DAY))[-1].kind == kind


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Losses came to 35 dead and 80 injured.", ["killed", "wounded"]),
        ("The assault killed 14 and injured 30.", ["killed", "wounded"]),
        ("The patrol captured 12 tanks near the bridge.", []),
    ],
)
def test_a_count_right_after_its_verb(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("By nightfall over 600 defenders had surrendered.", "detained"),
        ("Some 80 conscripts were taken captive at the crossing.", "detained"),
        ("The monitors recorded 41 deaths in the district.", "killed"),
        ("Only 90 residents stayed in the hamlet.", "civilians_remaining"),
        ("About 300 fighters and their families were bussed out.", "displaced"),
    ],
)
def test_more_battle_words(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The blast left 11 people dead, including four children.", ["killed", "killed"]),
        ("Rangers took 23 conscripts prisoner at the farm.", ["detained"]),
        ("Searchers found 70 people in a mass grave outside the town.", ["killed"]),
        ("The army besieged 20,000 villagers in the hills.", ["civilians_remaining"]),
        ("The remaining 800 residents have no water.", ["civilians_remaining"]),
        ("A brigade of 1,200 members fought at the bridge.", ["fighters"]),
    ],
)
def test_included_counts_prisoners_graves_and_sieges(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Some 75 detainees were freed in a swap.", "detained"),
        ("The exchange freed 60 prisoners of war.", "detained"),
        ("The storm of shelling left 900 people homeless.", "displaced"),
        ("The militia was said to number about 450 fighters.", "fighters"),
        ("A shell killed two nurses and four medics.", "killed"),
    ],
)
def test_prisoner_swaps_homeless_and_group_sizes(sentence, kind):
    assert only_last(sentence).kind == kind


def only_last(sentence: str):
    return find_figures(make_article(sentence, published=DAY))[-1]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The pilgrims, numbering about 300, crossed the river at dawn.", "other"),
        ("Special forces, numbering 45, joined the defence.", "fighters"),
        ("Around 120 villagers were feared to be trapped under the rubble.", "civilians_remaining"),
        ("Three rebel commanders were killed near the dam.", "killed"),
        ("The army said 2,000 remained in the city.", "civilians_remaining"),
    ],
)
def test_group_sizes_hedged_verbs_and_commanders(sentence, kind):
    assert only_last(sentence).kind == kind


def test_an_area_occupied_is_territory():
    assert only("The invaders occupied around 900 km2 of the province.").kind == "territory_area"


def test_counts_in_a_dash_aside_share_the_verb_after_it():
    text = "Five aid workers—two Germans and three Italians—were killed at the crossing."
    kinds = [(f.text, f.kind) for f in find_figures(make_article(text, published=DAY))]
    assert kinds == [("Five aid workers", "killed"), ("two Germans", "killed"),
                     ("three Italians", "killed")]  # fmt: skip


def test_counts_listed_after_including_share_the_kind():
    text = "Gunmen abducted 30 villagers, including the imam, four children and two nurses."
    kinds = [f.kind for f in find_figures(make_article(text, published=DAY))]
    assert kinds == ["missing", "missing", "missing"]


def test_the_number_of_armed_men_is_fighters():
    assert only("The number of government forces in the valley rose to 4,000.").kind == "fighters"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The battalion said it had eliminated 60 occupiers overnight.", "killed"),
        ("Gunmen murdered 15 villagers on the road.", "killed"),
        ("The unit listed 30 KIA after the assault.", "killed"),
        ("The unit listed 45 WIA after the assault.", "wounded"),
        ("About 80 separatists held the ridge line.", "fighters"),
    ],
)
def test_words_of_killing_and_armed_men(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Over 2 million Ukrainians have sought refuge in Romania.", "refugees"),
        ("Some 8,000 people are living in tents near the border.", "camp_population"),
        ("The shelling forced 90,000 people out of their homes.", "displaced"),
    ],
)
def test_refuge_tents_and_homes(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Twenty boats, each carrying six fighters, landed at night.", ["other"]),
        ("The corps fielded 12 battalions of 500 troops each.", ["other"]),
        ("Engineers repaired the two captured bridges.", []),
        ("Two were killed instantly and three injured.", ["killed", "wounded"]),
    ],
)
def test_counts_per_unit_and_adjectives_are_not_figures(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Rebel fighters in the valley were estimated at between 800 and 1,200.", "fighters"),
        ("The occupiers deported some 3,000 children to camps abroad.", "displaced"),
        ("Hundreds of women were enslaved by the militia.", "missing"),
        ("Twelve Peshmerga were wounded near the dam.", "wounded"),
    ],
)
def test_estimates_deportations_and_enslavement(sentence, kind):
    assert only(sentence).kind == kind


def test_a_country_stationing_troops_counts_a_force_size():
    assert only("The alliance stations 900 troops in the region.").kind == "other"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Nine of the wounded later died in hospital.", "killed"),
        ("Two of the dead were children.", "killed"),
        ("Forty wounded were treated at the clinic.", "wounded"),
    ],
)
def test_some_of_the_wounded_may_die(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The battalion only had 60 men left to hold the ridge.", "fighters"),
        ("By dawn the company had just 14 soldiers left.", "fighters"),
        ("The village had only 30 residents left after the shelling.", "civilians_remaining"),
        ("More than 400 residents left the town on foot.", "displaced"),
    ],
)
def test_what_a_force_or_a_place_has_left_is_still_there(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said 310 residents moved to temporary shelters after the blasts.",
        "About 90 families were moved to safety across the river.",
    ],
)
def test_people_moved_to_shelter_are_displaced(sentence):
    assert only(sentence).kind == "displaced"


def test_people_a_force_sets_out_to_rescue_are_trapped():
    f = only("Militias pushed up the valley to rescue 8,000 villagers cut off on the hills.")
    assert f.kind == "civilians_remaining"


def test_a_family_size_is_no_count_and_leaves_the_families_their_verb():
    [f] = find_figures(make_article("About 300 families of five fled the hills.", published=DAY))
    assert (f.kind, f.unit, f.value) == ("displaced", "families", 300)


def test_a_count_restated_between_commas_shares_the_verb_after_it():
    text = "Some 200 families, about 1,000 people, fled the village on foot."
    figures = find_figures(make_article(text, published=DAY))
    assert [(f.kind, f.unit) for f in figures] == [
        ("displaced", "families"),
        ("displaced", "people"),
    ]


def test_a_verb_right_before_the_next_count_is_that_counts():
    text = "The shelling killed six soldiers, five civilians, and wounded 30."
    assert [f.kind for f in find_figures(make_article(text, published=DAY))] == [
        "killed", "killed", "wounded",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("In total, 12,000 people have fled since the crisis began on 2 March.", date(2021, 3, 2)),
        ("Since fighting erupted in April, 700 civilians have been killed.", date(2021, 4, 1)),
        ("Since the start of the month, 3,000 people have left the city.", date(2021, 6, 1)),
    ],
)
def test_since_a_day_or_month_named_later_runs_to_publication_and_is_a_total(sentence, start):
    f = only(sentence)
    assert (f.date_start, f.date_end, f.cumulative) == (start, DAY, True)


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("One Ukrainian fighter died at the checkpoint.", ["killed"]),
        ("One rebel fighter was killed and 12 were wounded.", ["killed", "wounded"]),
        ("One journalist was wounded in the blast.", ["wounded"]),
        ("One fighter jet was shot down over the lake.", []),
        ("The 2014 rebel offensive stalled.", []),
    ],
)
def test_one_person_named_by_a_singular_noun_is_a_count(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("About 200 soldiers fled the base before dawn.", "fighters"),
        ("Hundreds of rebel fighters fled across the river.", "fighters"),
        ("About 300 men, women and children fled the village.", "displaced"),
    ],
)
def test_armed_men_who_flee_are_a_force_withdrawing_not_displaced_people(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The militants executed 21 captured soldiers.", "killed"),
        ("About 60 people were sheltering in the basement.", "civilians_remaining"),
        ("Some 300 villagers are hiding in the forest.", "civilians_remaining"),
        ("The regiment had 1,800 men at the start of the battle.", "fighters"),
        ("The garrison still had 400 soldiers.", "fighters"),
        ("The country has 2,000 troops in the region.", "other"),
    ],
)
def test_a_verb_before_a_modifier_people_in_hiding_and_a_units_strength(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Soldiers herded 60 villagers into the basement of the school.", "civilians_remaining"),
        ("The troops locked up 130 residents in a school basement.", "civilians_remaining"),
        ("About 5,000 people gathered in the square.", "other"),
    ],
)
def test_people_shut_in_a_room_are_held_there_not_a_gathering(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # killed
        ("A car bomb claimed 22 lives near the mosque.", "killed"),
        ("Five soldiers were martyred in the clashes.", "killed"),
        ("Some 30 villagers perished when the dam burst.", "killed"),
        ("At least 45 people lost their lives in the bombardment.", "killed"),
        ("The raid resulted in the death of 14 insurgents.", "killed"),
        # wounded
        ("The explosion injured at least 80 bystanders.", "wounded"),
        ("More than 60 were treated for shrapnel wounds.", "wounded"),
        ("Some 25 civilians were left wounded after the strike.", "wounded"),
        ("Another 32 people sustained injuries in the blast.", "wounded"),
        # captured, surrendered
        ("The police arrested 65 suspects in the sweep.", "detained"),
        ("Around 500 fighters gave themselves up on Tuesday.", "detained"),
        ("More than 80 people were rounded up by security forces.", "detained"),
        ("About 120 soldiers were taken prisoner at the airport.", "detained"),
        ("The army is holding more than 2,000 POWs.", "detained"),
        # displaced
        ("An estimated 60,000 people abandoned their homes.", "displaced"),
        ("Some 5,000 residents were driven out of the village.", "displaced"),
        ("About 7,000 residents were forced from their homes.", "displaced"),
        ("About 20,000 IDPs arrived in the city last week.", "displaced"),
        # refugees, people who returned, camp populations
        ("Poland has taken in more than 1.5 million Ukrainians.", "refugees"),
        ("Some 40,000 displaced people went home after the battle.", "returned"),
        ("Over 300 refugees were repatriated from the camp.", "returned"),
        ("The camp shelters 45,000 displaced people.", "camp_population"),
        ("The camp, which now houses 20,000 refugees, is full.", "camp_population"),
        # remaining, trapped
        ("The siege cut off 250,000 residents from food.", "civilians_remaining"),
        ("Militants are using 10,000 civilians as human shields.", "civilians_remaining"),
        ("Up to 5,000 people are stuck in the town without power.", "civilians_remaining"),
        # fighters
        ("The remaining 30 militants fought to the death.", "fighters"),
        ("An estimated 800 jihadists are holed up in the old city.", "fighters"),
        ("The rebels massed around 5,000 fighters near the front.", "fighters"),
    ],
)
def test_each_kind_as_war_reporting_phrases_it(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "About 2,000 troops launched the attack on the village, where a shell killed a teacher.",
        "Around 3,000 militants stormed the city, which had been captured by the army in May.",
        "Over 1,000 rebels took part in the offensive, during which the town was captured.",
        "Around 1,500 soldiers held the line while the wounded were evacuated.",
    ],
)
def test_an_event_word_in_a_clause_about_something_else_does_not_count(sentence):
    assert only(sentence).kind == "fighters"


def test_the_camp_holding_fighters_holds_detainees_not_residents():
    assert only("The camp holds 900 foreign fighters.").kind == "detained"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("About 300 recruits were killed in the strike on the barracks.", "killed"),
        ("Some 40 sailors went missing when the cruiser sank.", "missing"),
        ("Around 200 reservists were captured.", "detained"),
        ("Dozens of Turkmen were abducted.", "missing"),
        ("Some 500 Alawites were massacred in the village.", "killed"),
        ("Around 30 snipers held the tower.", "fighters"),
        ("A total of 47 crew members were rescued.", "other"),
    ],
)
def test_people_named_by_their_service_faith_or_people_are_counts(sentence, kind):
    assert only(sentence).kind == kind


def test_a_noun_after_more_and_a_comma_is_the_speaker_not_the_count():
    text = "The bomb killed 13 soldiers and wounded 56 more, officials said."
    figures = find_figures(make_article(text, published=DAY))
    assert [f.text for f in figures] == ["13 soldiers", "56"]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("About 2,000 troops captured the town.", ["fighters"]),
        ("Around 50 gunmen kidnapped the mayor.", ["fighters"]),
        ("About 400 fighters captured the airport and killed the guards.", ["fighters"]),
        ("Some 200 soldiers were reportedly captured.", ["detained"]),
        ("About 120 rebels killed in the raid were buried.", ["killed"]),
    ],
)
def test_a_count_that_does_the_harm_is_not_its_victims(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("As Russia sent reinforcements, about 2,000 troops attacked the town.", "fighters"),
        ("Some 3,000 soldiers defended the city until reinforcements were sent.", "fighters"),
        ("Around 1,500 soldiers stayed to defend the airport.", "fighters"),
        ("Some 600 troops trained by the US took part in the offensive on the town.", "fighters"),
        ("Turkey sent 5,000 troops into the province.", "other"),
        ("About 900 soldiers were stationed at the base when the attack began.", "other"),
    ],
)
def test_a_deployment_counts_only_when_it_is_said_of_the_soldiers_counted(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "In all, 50 militants, 12 FSA, 11 YPG, and three other fighters were killed on Sunday.",
            ["killed", "killed"],
        ),
        ("The fighting killed 35 ISIL and four YPG fighters.", ["killed"]),
    ],
)
def test_counts_of_named_groups_in_a_list_share_its_verb(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds", "modality"),
    [
        (
            "The war caused the death of 70 civilians in Syria and 20 civilians in Turkey.",
            ["killed", "killed"],
            "reported",
        ),
        (
            "Officials said 1,000 km2 had been captured since the start.",
            ["territory_area"],
            "reported",
        ),
        ("The army was planning to evacuate all 1,000 soldiers.", ["fighters"], "expected"),
        ("Trump favored leaving a contingent of 200 troops in the east.", ["other"], "reported"),
        ("He threatened to send 3.6 million refugees to Europe.", ["refugees"], "possible"),
    ],
)
def test_lists_by_place_areas_taken_after_plans_threats_and_contingents(sentence, kinds, modality):
    figures = find_figures(make_article(sentence, published=DAY))
    assert [f.kind for f in figures] == kinds
    assert figures[-1].modality == modality


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "By July, the army controlled 95% of Kherson Oblast, 70% of Zaporizhzhia Oblast and"
            " 10% of Mykolaiv Oblast.",
            ["territory_share"] * 3,
        ),
        (
            "He acknowledged the deaths of 23 fighters and the injury of 58 others.",
            ["killed", "wounded"],
        ),
        ("The army says it has taken back 41 settlements and 12 camps since October.", []),
    ],
)
def test_shares_listed_by_place_the_injury_of_n_and_counts_of_camps(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "The monitor said 465,000 people had died, of which 96,000 civilians.",
            ["killed", "killed"],
        ),
        ("They cut off his arms before executing 22 soldiers.", ["killed"]),
        ("The brigade executed more than 20 soldiers captured in the base.", ["killed"]),
    ],
)
def test_of_which_executing_and_a_verb_before_a_participle(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The airport only held a small garrison of about 300 troops.", ["fighters"]),
        ("The army captured a battalion of 400 soldiers.", ["detained"]),
        ("The garrison of about 500 men withdrew overnight.", ["fighters"]),
        ("Russia lost three armoured personnel carriers.", []),
        ("The field was sown with 300 anti-personnel mines.", []),
    ],
)
def test_a_garrison_held_is_its_men_and_personnel_carriers_are_no_people(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


def test_a_place_held_by_fighters_is_held_by_them_not_holding_them():
    assert only("The dam was held by hundreds of fighters.").kind == "fighters"
    assert only("The camp was holding 900 fighters.").kind == "detained"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The militants then proceeded to execute 24 civilians.", "killed"),
        ("Reporters said 70% of the city had fallen to the rebels.", "territory_share"),
        ("Thousands of displaced people started returning to the city.", "returned"),
        ("The shells wound 12 people in the market.", "wounded"),
        (
            "They came to rescue 3,500 villagers in the hills after the massacre.",
            "civilians_remaining",
        ),
    ],
)
def test_verbs_in_every_form_and_a_share_fallen_to_a_force(sentence, kind):
    assert only_first(sentence).kind == kind


def only_first(sentence: str):
    return find_figures(make_article(sentence, published=DAY))[0]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Officials said over 20,000 fighters rallied to defend the city.", ["fighters"]),
        (
            "It said 616 fighters were killed, as well as 91 militiamen and 389 civilians.",
            ["killed"] * 3,
        ),
        ("About 10,000 people were exiting the city.", ["displaced"]),
    ],
)
def test_fighters_who_rally_to_fight_counts_listed_as_well_as_and_people_exiting(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Turkey now shelters about 3.6 million Syrians.", "refugees"),
        ("Zaatari camp is home to nearly 80,000 Syrians.", "camp_population"),
        ("The whereabouts of 130 detainees remain unknown.", "missing"),
        ("The fate of 300 residents remains unknown.", "missing"),
    ],
)
def test_nationals_a_country_shelters_a_camp_that_is_home_to_and_the_fate_of_n(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Meanwhile, 30 civilians trying to flee the city were reportedly killed.", "killed"),
        ("Some 300 civilians who had fled were killed at the checkpoint.", "killed"),
        ("The 500 soldiers wounded in the battle were evacuated.", "wounded"),
    ],
)
def test_the_verb_of_the_count_outranks_a_phrase_before_it(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    "sentence",
    ["The camp's population rose to 70,000.", "The population of the camp reached 45,000 people."],
)
def test_the_population_of_a_camp_is_its_people(sentence):
    assert only(sentence).kind == "camp_population"


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("About 2,000 infantry attacked the ridge at dawn.", ["fighters"]),
        ("Nearly 300 infantry were killed in the assault on the hill.", ["killed"]),
        ("Raiders abducted 27 schoolchildren from a boarding school.", ["missing"]),
        ("Nine firefighters were among those killed.", ["killed"]),
        ("Rescuers pulled 14 corpses from the collapsed shelter.", ["killed"]),
        ("The tank crews destroyed two infantry fighting vehicles.", []),
        ("Guns stopped four tanks and two infantry squads at the crossing.", []),
    ],
)
def test_infantry_pupils_and_rescuers_are_people_but_infantry_vehicles_are_not(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Fourteen people were taken to hospital after the blast.", "wounded"),
        ("The remaining 20 of them were rushed to the regional hospital.", "wounded"),
        ("About 30 passengers were treated in a nearby hospital.", "wounded"),
        ("The army's losses amounted to about 500 men.", "killed"),
        ("The drone strikes wiped out 40 militiamen near the ford.", "killed"),
        ("Police fatally shot four men at the checkpoint.", "killed"),
        ("Two soldiers were mortally wounded by the mine.", "killed"),
    ],
)
def test_people_taken_to_hospital_are_wounded_and_losses_are_casualties(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The town's population fell to just 3,000 during the shelling.", "civilians_remaining"),
        ("By spring the village's population had dwindled to about 400.", "civilians_remaining"),
        ("Witnesses said the rebel force numbers in the hundreds.", "fighters"),
        ("The garrison numbered in the thousands before the siege.", "fighters"),
    ],
)
def test_a_population_fallen_to_n_remains_and_a_force_numbering_in_the_hundreds(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("A 300-man battalion defended the bridge for a week.", ["fighters"]),
        ("The army said it wiped out a 40-man unit near the river.", ["killed"]),
        (
            "About 6,000 soldiers were stationed in the city, facing a 900-member attacking force.",
            ["fighters", "fighters"],
        ),
    ],
)
def test_a_units_strength_and_soldiers_stationed_facing_an_attack_are_fighters(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The strike injured 40% of the crew members.", "wounded"),
        ("Half of the city's residents have fled since the siege began.", "displaced"),
        ("About 30% of the villagers voted in the referendum.", "other"),
        ("Rebels held 60% of the city.", "territory_share"),
    ],
)
def test_a_share_of_people_takes_the_event_said_of_them(sentence, kind):
    f = only(sentence)
    assert (f.kind, f.unit) == (kind, "percent")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A man was killed when a shell struck the market.", "killed"),
        ("A shepherd died after stepping on a mine near the village.", "killed"),
        ("A nurse was injured by shrapnel outside the clinic.", "wounded"),
        ("A journalist was abducted on the road to the border.", "missing"),
    ],
)
def test_one_person_named_with_a_counts_one(sentence, kind):
    f = only(sentence)
    assert (f.kind, f.value) == (kind, 1)


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Six militiamen, one of them a local commander, died in the clashes.", ["killed"] * 2),
        ("Twelve soldiers were killed in Marun and at least nine in Kafr Sabt.", ["killed"] * 2),
        ("Five guards were wounded at the gate and two near the depot.", ["wounded"] * 2),
        ("Ten soldiers were killed in the raid and three in the village survived.", ["killed"]),
        ("He met two commanders, one of them a former minister.", ["other"]),
    ],
)
def test_a_member_of_a_count_and_a_count_whose_verb_is_left_out_share_its_kind(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


def test_one_of_a_nation_in_a_list_shares_its_verb():
    text = "Three medics, one Briton, one Dane and one Pole, were killed in the strike."
    figures = find_figures(make_article(text, published=DAY))
    assert [(f.text, f.kind) for f in figures] == [
        ("Three medics", "killed"),
        ("one Briton", "killed"),
        ("one Dane", "killed"),
        ("one Pole", "killed"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            'The convoy carried more than 900 of the "most loyal fighters" of the militia.',
            ["fighters"],
        ),
        (
            "Of the 80 soldiers in the company, 31 survived and 49 were killed.",
            ["fighters", "other", "killed"],
        ),
    ],
)
def test_a_quoted_noun_still_counts_and_survivors_are_other(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The rebels killed 10 soldiers and captured 5.", ["killed", "detained"]),
        ("Over 1,700 defenders of the plant were taken into captivity.", ["detained"]),
        ("About 600 fighters handed themselves over to the militia.", ["detained"]),
        ("By August, some 20,000 displaced people had gone back to their villages.", ["returned"]),
        ("Thousands of displaced residents came home in May.", ["returned"]),
        ("Nearly 90% of the population fled the city.", ["displaced"]),
        ("Five members of one family were killed in the strike.", ["killed"]),
    ],
)
def test_captivity_going_back_a_share_of_the_population_and_members_of_a_family(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


def test_a_modal_phrase_in_the_label_leaves_out_the_full_stop():
    assert only("The agency warned that 1 million people might flee.").label == (
        "1 million people might flee"
    )


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The General Staff estimated the enemy's losses at 1,500.", ["killed"]),
        ("Another source put the losses at 40 tanks and 12 guns.", []),
        ("The two sides lost a combined 300 soldiers.", ["killed"]),
        ("Government forces, some 4,000 strong, moved on the city.", ["fighters"]),
    ],
)
def test_losses_put_at_n_a_combined_loss_and_a_force_n_strong(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The 12 kidnapped workers were released on Friday.", ["missing"]),
        ("Ten hostages were killed when the house was stormed.", ["killed"]),
        ("The shelling killed 30 people; 12 of them were children.", ["killed", "killed"]),
        ("Nearly 2,000 people sought shelter in the monastery.", ["displaced"]),
    ],
)
def test_a_release_ends_a_kidnapping_killed_hostages_and_members_after_a_semicolon(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "The army regained some 500 square kilometres around the city.",
        "The rebels reclaimed about 80 km2 in two days.",
    ],
)
def test_ground_regained_or_reclaimed_is_territory(sentence):
    assert only(sentence).kind == "territory_area"


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Three soldiers saw them leave but did not stop them.", ["other"]),
        ("Two militiamen later told reporters that the road was mined.", ["other"]),
        ("Three soldiers held the bridge against the column.", ["fighters"]),
        ("Two soldiers said 20 civilians were killed.", ["other", "killed"]),
    ],
)
def test_armed_men_who_see_or_speak_are_witnesses_not_a_force(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The group has an estimated 1,000 members.", "fighters"),
        ("At its peak, the militia had 5,000 members.", "fighters"),
        ("The battalion comprised some 400 volunteers.", "fighters"),
        ("The delegation comprised 12 journalists.", "other"),
        ("The United States has about 2,000 troops in the country.", "other"),
    ],
)
def test_a_groups_own_men_are_its_strength(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("The evacuation of 5,000 people was planned for Monday.", "expected"),
        ("About 2,000 residents were to be evacuated on Friday.", "expected"),
        ("Some 400 civilians are due to leave the city on Sunday.", "expected"),
        ("Officials hope to evacuate 3,000 people this week.", "expected"),
        ("Some 20,000 people are at risk of displacement.", "possible"),
        ("Due to the shelling, 300 people fled the town.", "reported"),
        ("A planned offensive killed 40 soldiers.", "reported"),
    ],
)
def test_plans_hopes_and_risks_are_not_reported_figures(sentence, modality):
    assert only(sentence).modality == modality


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Ukraine said it killed 300 mobilized soldiers.", ["killed"]),
        ("About 400 Kadyrovites entered the town.", ["fighters"]),
        ("The militia's column consisted of over 250 pieces of equipment.", []),
        ("Kurdish forces numbering some 2,000 advanced on the town.", ["fighters"]),
        ("Around 50 elderly were trapped in the care home.", ["civilians_remaining"]),
    ],
)
def test_more_people_nouns_and_a_column_of_equipment_is_no_count(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Around 25,000 displaced people are living in the camps near the border.",
            "camp_population",
        ),
        ("About 9,000 foreign women and children are held in the camp.", "camp_population"),
        ("About 900 prisoners are held in the camp.", "detained"),
        ("Around 3,000 women remain in captivity.", "missing"),
        ("The army captured 85 militants in the operation.", "detained"),
    ],
)
def test_people_living_in_camps_and_civilians_held_captive(sentence, kind):
    assert only(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "Of the 1,000 villagers, 400 fled and 600 stayed.",
            ["other", "displaced", "civilians_remaining"],
        ),
        (
            "About 300 people were evacuated, while 50 remained in the building.",
            ["displaced", "civilians_remaining"],
        ),
        ("About 300 people fled and 200 remain missing.", ["displaced", "missing"]),
        ("The army killed 20 rebels and lost 15 of its own.", ["killed", "killed"]),
    ],
)
def test_a_count_that_stays_is_not_the_one_that_fled_and_losses_of_its_own(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Of the 20 wounded, three later died.", ["wounded", "killed"]),
        ("Two then surrendered to the patrol.", ["detained"]),
    ],
)
def test_a_bare_count_whose_verb_follows_later_or_then(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("About 100 wounded soldiers were evacuated from the plant.", "wounded"),
        ("Some 60 soldiers were taken as prisoners of war.", "detained"),
        ("About 5,000 displaced people were evacuated to the coast.", "displaced"),
    ],
)
def test_the_wounded_moved_stay_wounded_and_men_taken_as_prisoners(sentence, kind):
    assert only(sentence).kind == kind


def test_a_share_of_the_dead_is_no_count_of_its_own():
    assert only("About 3% of the deaths were recorded in the capital.").kind == "other"


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Of the 400 defenders, only 70 escaped.", ["fighters", "fighters"]),
        ("Of the 400 villagers, only 70 escaped.", ["other", "displaced"]),
        ("Soldiers shelled the village and 300 fled.", ["displaced"]),
    ],
)
def test_a_part_of_armed_men_that_escapes_is_a_force_withdrawing(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("The militia's losses amounted to at least 6 dead.", "at least 6 dead"),
        (
            "The raid destroyed two battalions, amounting to almost 1,000 soldiers.",
            "almost 1,000 soldiers",
        ),
    ],
)
def test_a_label_adds_no_word_the_count_already_says(sentence, label):
    assert only(sentence).label == label


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "The monitor said 25 soldiers were killed, while the rebels lost 17.",
            ["killed", "killed"],
        ),
        ("The rebels lost 17 tanks.", []),
        ('Russian sources reported "over 200" Ukrainian soldiers killed.', ["killed"]),
        ("The town was retaken at the cost of 400 lives.", ["killed"]),
    ],
)
def test_a_force_that_lost_n_a_quoted_amount_and_lives_that_a_victory_cost(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "The raid killed 20 militiamen at the cost of more than 45 soldiers.",
            ["killed", "killed"],
        ),
        ("He believes casualties on both sides may number in the hundreds.", ["killed"]),
        ("Some 300 conscripts were lost in the crossing.", ["killed"]),
        ("The militia stormed the base and had taken 60-70% of it.", ["territory_share"]),
        ("By 22 April, the rebels managed to secure a quarter of the town.", ["territory_share"]),
        ("By May the rebels held a quarter of the town.", ["territory_share"]),
        ("By winter, the vast majority of the town's 15,000 inhabitants had fled.", ["other"]),
        ("Some 2,000 villagers who fled across the border had returned.", ["returned"]),
        ("About 30 villagers who had fled were killed by the mine.", ["killed"]),
    ],
)
def test_costs_casualties_numbering_lost_men_shares_of_it_wholes_and_relative_clauses(
    sentence, kinds
):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds


def test_the_month_may_is_no_modal():
    assert only("In May, 300 people fled the shelling.").modality == "reported"


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "The number of militiamen dead or missing in the week-long offensive had risen to 50.",
            ["killed"],
        ),
        (
            "Rebel fatalities in the two-day government offensive had reportedly reached 100–107.",
            ["killed"],
        ),
        ("The rebels claimed to have captured six more districts.", []),
        ("The bomb killed 13 soldiers and wounded 56 more, officials said.", ["killed", "wounded"]),
    ],
)
def test_long_totals_and_n_more_things(sentence, kinds):
    assert [f.kind for f in find_figures(make_article(sentence, published=DAY))] == kinds
