"""Build the real-data part of the indicator library from the five source files in shared/data.

Run by hand, from the project root, whenever a source file changes (never at app run time):

    python -m datasets.build_library [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ../shared/data relative to the project root. The script reads
asean_indicators_gapminder.csv, asean_sdg_indicators_unsd2020.csv, asean_co2_owid2020.csv and
asean_wgi_government_effectiveness.csv (and checks its keys against the two source catalogues) and
writes:

- datasets/library/gapminder.csv, sdg_unsd2020.csv, co2_owid2020.csv, wgi.csv in the tidy long format
  (iso3,country,year,indicator,value,sex,location,age), the ten Member States only;
- datasets/catalogue.csv: the header, one row per library indicator (synthetic = false), then any rows
  already in the file that belong to other files (the synthetic samples), kept as they were.

Every indicator below says which source column or series it comes from, its unit, its desired direction
and its plausible range. The characteristic and sectoral body are our editorial mapping (mapping = ours).
Where a concept is in two sources, one is kept: the series with an urban/rural breakdown if one has it,
otherwise the more recent one.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from datasets.catalogue import COLUMNS as CATALOGUE_COLUMNS
from datasets.validate import INDICATOR_ID, TIDY_COLUMNS

DATASETS_DIR = Path(__file__).parent
PROJECT_ROOT = DATASETS_DIR.parent
DEFAULT_DATA_DIR = PROJECT_ROOT.parent / "shared" / "data"
CATALOGUE_FILE = DATASETS_DIR / "catalogue.csv"
MEMBER_STATES_FILE = DATASETS_DIR / "reference" / "member_states.csv"
KEYS = ["iso3", "year", "indicator", "sex", "location", "age"]
MAX_FILE_BYTES = 2_000_000

UP, DOWN, NONE = "increase", "decrease", "none"
# (min, max, percentage): the plausible range used for validation
PERCENT = (0.0, 100.0, True)
COUNT = (0.0, None, False)
Scale = tuple[float | None, float | None, bool]

SEX = {"": "", "bothsex": "", "notspec": "", "female": "female", "male": "male"}
LOCATION = {"": "", "allarea": "", "urban": "urban", "rural": "rural"}
AGE = {"": "", "notspec": "", "15": "15+", "25": "25+"}  # other codes: 15_24 -> 15-24
TOTAL_CODES = {"", "t"}  # wealth quintile and migratory status: only the total is kept


class BuildError(RuntimeError):
    """A source file is not what this script expects; the message says which file and what."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One library indicator: where its values come from and its catalogue row."""

    id: str
    parts: tuple[tuple[str, str], ...]  # (source key, qualifier): see the readers
    name: str
    unit: str
    characteristic: str
    body: str
    direction: str
    scale: Scale
    definition: str
    upstream: str = ""  # the original publisher (Gapminder and OWID columns)
    url: str = ""  # the original page, when it is not the file's default
    source_unit: str = ""  # SDG series: the value of the `units` column kept
    add_total: bool = False  # Gapminder: add a total row, the sum of the parts


def one(key: str, qualifier: str = "") -> tuple[tuple[str, str], ...]:
    return ((key, qualifier),)


# ---------------------------------------------------------------- Gapminder (Systema Globalis)

GAPMINDER_FILE = "asean_indicators_gapminder.csv"
GAPMINDER_VIA = "open-numbers/ddf--gapminder--systema_globalis, commit c63631a, 2026-03-01"
WDI = "World Bank, World Development Indicators"
ILO = "ILOSTAT, ILO modelled estimates"
WPP = "UN World Population Prospects"
EMDAT = "EM-DAT (CRED/UCLouvain)"
EMDAT_URL = "https://public.emdat.be/"
EMDAT_NOTE = "as recorded in EM-DAT; Gapminder writes 0 for years with no recorded event"

GAPMINDER: tuple[Entry, ...] = (
    Entry(
        "extreme_poverty_rate_300", one("extreme_poverty_percent_people_below_300_a_day"),
        "Extreme poverty rate ($3.00 a day, 2021 PPP)", "% of population", "B", "SOMRDPE", DOWN, PERCENT,
        "Share of the population living on less than $3.00 a day at 2021 purchasing-power parity, the "
        "World Bank's international poverty line since 2025; survey years only.",
        WDI, "https://data.worldbank.org/indicator/SI.POV.DDAY",
    ),
    Entry(
        "poverty_rate_420", one("poverty_percent_people_below_420_a_day"),
        "Poverty rate ($4.20 a day, 2021 PPP)", "% of population", "B", "SOMRDPE", DOWN, PERCENT,
        "Share of the population living on less than $4.20 a day at 2021 purchasing-power parity, the "
        "World Bank's line for lower-middle-income countries since 2025; survey years only.",
        WDI, "https://data.worldbank.org/indicator/SI.POV.LMIC",
    ),
    Entry(
        "gini_index", one("inequality_index_gini"),
        "Gini index", "Gini index (0-100)", "B", "SOMRDPE", DOWN, (0.0, 100.0, False),
        "How unequally income or consumption is shared among people, from 0 (everyone has the same) to "
        "100 (one person has everything); survey years only.",
        WDI, "https://data.worldbank.org/indicator/SI.POV.GINI",
    ),
    Entry(
        "human_development_index", one("hdi_human_development_index"),
        "Human Development Index", "index (0-1)", "B", "SOCA", UP, (0.0, 1.0, False),
        "UNDP's summary measure of a long and healthy life, knowledge and a decent standard of living, "
        "from 0 to 1.",
        "UNDP, Human Development Report", "https://hdr.undp.org/en",
    ),
    Entry(
        "life_expectancy",
        (("life_expectancy_female", "female"), ("life_expectancy_male", "male")),
        "Life expectancy at birth", "years", "B", "SOMHD", UP, (20.0, 100.0, False),
        "Years a newborn would live on average if today's death rates stayed the same, for women and for "
        "men (no total in the source).",
        WPP, "https://population.un.org/wpp/",
    ),
    Entry(
        "under5_mortality_rate", one("under_five_mortality_from_cme_per_1000_born"),
        "Under-five mortality rate", "deaths per 1,000 live births", "B", "SOMHD", DOWN,
        (0.0, 1000.0, False),
        "Probability that a newborn dies before its fifth birthday, per 1,000 live births, as estimated "
        "by the UN Inter-agency Group for Child Mortality Estimation.",
        "UN IGME (childmortality.org)", "https://www.childmortality.org/",
    ),
    Entry(
        "skilled_birth_attendance", one("births_attended_by_skilled_health_staff_percent_of_total"),
        "Births attended by skilled health staff", "% of births", "B", "SOMHD", UP, PERCENT,
        "Share of births attended by a doctor, nurse or midwife trained to manage deliveries; survey and "
        "registration years only.",
        WDI, "https://data.worldbank.org/indicator/SH.STA.BRTC.ZS",
    ),
    Entry(
        "health_expenditure_percent_gdp", one("total_health_spending_percent_of_gdp"),
        "Total health spending", "% of GDP", "B", "SOMHD", UP, PERCENT,
        "Current spending on health from all sources, public and private, as a share of gross domestic "
        "product.",
        "WHO, Global Health Observatory", "https://www.who.int/data/gho",
    ),
    Entry(
        "out_of_school_children_primary", one("children_out_of_school_primary"),
        "Children out of school, primary age", "number of children", "B", "SOM-ED", DOWN, COUNT,
        "Number of children of official primary-school age who are not enrolled in primary or secondary "
        "school.",
        "UNESCO Institute for Statistics",
        "https://databrowser.uis.unesco.org/browser/EDUCATION/UIS-SDG4Monitoring/t4.1/i4.1.4",
    ),
    Entry(
        "youth_literacy_rate", one("literacy_rate_youth_total_percent_of_people_ages_15_24"),
        "Youth literacy rate (15-24)", "% of people aged 15-24", "B", "SOM-ED", UP, PERCENT,
        "Share of people aged 15 to 24 who can read and write a short simple statement about their "
        "everyday life; census and survey years only.",
        "UNESCO Institute for Statistics", "https://databrowser.uis.unesco.org/",
    ),
    Entry(
        "gender_parity_school_enrolment",
        one("ratio_of_girls_to_boys_in_primary_and_secondary_education_perc"),
        "Ratio of girls to boys in primary and secondary education", "ratio (girls per boy enrolled)",
        "B", "ACW", NONE, (0.0, 2.0, False),
        "Girls' enrolment in primary and secondary school divided by boys' (1 = parity); the aim is to "
        "approach 1 from either side, so no single direction is desired.",
        WDI, "https://data.worldbank.org/indicator/SE.ENR.PRSC.FM.ZS",
    ),
    Entry(
        "labour_force_participation_rate",
        (
            ("females_aged_15plus_labour_force_participation_rate_percent", "female"),
            ("males_aged_15plus_labour_force_participation_rate_percent", "male"),
        ),
        "Labour force participation rate (15+)", "% of population aged 15+", "B", "SLOM", UP, PERCENT,
        "Share of women and of men aged 15 and over who are working or looking for work (no total in the "
        "source).",
        ILO, "https://ilostat.ilo.org/",
    ),
    Entry(
        "unemployment_rate",
        (
            ("aged_15plus_unemployment_rate_percent", ""),
            ("females_aged_15plus_unemployment_rate_percent", "female"),
            ("males_aged_15plus_unemployment_rate_percent", "male"),
        ),
        "Unemployment rate (15+)", "% of labour force aged 15+", "B", "SLOM", DOWN, PERCENT,
        "Share of the labour force aged 15 and over that has no work but is available for and looking for "
        "work, in total and by sex.",
        ILO, "https://ilostat.ilo.org/",
    ),
    Entry(
        "youth_unemployment_rate", one("aged_15_24_unemployment_rate_percent"),
        "Youth unemployment rate (15-24)", "% of labour force aged 15-24", "E", "SOMY", DOWN, PERCENT,
        "Share of the labour force aged 15 to 24 that has no work but is available for and looking for "
        "work.",
        ILO, "https://ilostat.ilo.org/",
    ),
    Entry(
        "internet_users_percent", one("internet_users"),
        "Individuals using the Internet", "% of population", "E", "SOMRI", UP, PERCENT,
        "Share of the population that used the Internet, from any place, in the last three months.",
        WDI, "https://data.worldbank.org/indicator/IT.NET.USER.ZS",
    ),
    Entry(
        "forest_area_percent_land", one("forest_coverage_percent"),
        "Forest area", "% of land area", "C", "ASOEN", UP, PERCENT,
        "Land under natural or planted stands of trees at least 5 metres tall, as a share of total land "
        "area.",
        "FAO, Global Forest Resources Assessment", "https://www.fao.org/forestry/sofo/en/",
    ),
    Entry(
        "co2_intensity_gdp", one("co2_intensity_of_economic_output_kg_co2_per_2021_ppp_of_gdp"),
        "CO2 intensity of the economy", "kg CO2 per 2021 PPP$ of GDP", "C", "ASOEN", DOWN, COUNT,
        "Carbon dioxide emitted per dollar of gross domestic product at 2021 purchasing-power parity.",
        WDI, "https://data.worldbank.org/indicator/EN.GHG.CO2.RT.GDP.PP.KD",
    ),
    Entry(
        "urban_population_percent", one("urban_population_percent_of_total"),
        "Urban population", "% of population", "C", "ASOEN", NONE, PERCENT,
        "Share of the population living in areas that the national statistical office defines as urban; "
        "a context figure for sustainable-cities work.",
        WDI, "https://data.worldbank.org/indicator/SP.URB.TOTL.IN.ZS",
    ),
    Entry(
        "flood_deaths", one("flood_deaths_annual_number"),
        "Deaths in floods", "persons killed", "D", "ACDM", DOWN, COUNT,
        f"People killed by floods in the year, {EMDAT_NOTE}.", EMDAT, EMDAT_URL,
    ),
    Entry(
        "flood_affected_persons", one("flood_affected_annual_number"),
        "People affected by floods", "persons affected", "D", "ACDM", DOWN, COUNT,
        f"People needing immediate help (injured, homeless or otherwise affected) after floods in the "
        f"year, {EMDAT_NOTE}.", EMDAT, EMDAT_URL,
    ),
    Entry(
        "storm_deaths", one("storm_deaths_annual_number"),
        "Deaths in storms", "persons killed", "D", "ACDM", DOWN, COUNT,
        f"People killed by storms (typhoons, cyclones and other storms) in the year, {EMDAT_NOTE}.",
        EMDAT, EMDAT_URL,
    ),
    Entry(
        "storm_affected_persons", one("storm_affected_annual_number"),
        "People affected by storms", "persons affected", "D", "ACDM", DOWN, COUNT,
        f"People needing immediate help (injured, homeless or otherwise affected) after storms in the "
        f"year, {EMDAT_NOTE}.", EMDAT, EMDAT_URL,
    ),
    Entry(
        "earthquake_deaths", one("earthquake_deaths_annual_number"),
        "Deaths in earthquakes", "persons killed", "D", "ACDM", DOWN, COUNT,
        f"People killed by earthquakes in the year, {EMDAT_NOTE}.", EMDAT, EMDAT_URL,
    ),
    Entry(
        "drought_affected_persons", one("drought_affected_annual_number"),
        "People affected by drought", "persons affected", "D", "ACDM", DOWN, COUNT,
        f"People needing immediate help because of drought in the year, {EMDAT_NOTE}.", EMDAT, EMDAT_URL,
    ),
    Entry(
        "population",
        (("female_population_with_projections", "female"), ("male_population_with_projections", "male")),
        "Population", "persons", "B", "SOCA", NONE, COUNT,
        "Number of people living in the country, women, men and in total (the total is the sum of the "
        "two published figures); a context figure, for example for rates per person.",
        WPP, "https://population.un.org/wpp/", add_total=True,
    ),
)  # fmt: skip

# ---------------------------------------------------------------- UN SDG Global Database (Oct 2020)

SDG_FILE = "asean_sdg_indicators_unsd2020.csv"
SDG_URL = "https://unstats.un.org/sdgs/dataportal"
ILO_SP = "(ILO, SDG 1.3.1)"
SENDAI = "as reported to the Sendai Framework Monitor (SDG 1.5.1, 11.5.1, 13.1.1)"
SOCIAL = ("D", "SOMSWD", UP, PERCENT)
CPLR = (
    "Share of young people three to five years older than the intended age for the last grade of {0} "
    "who have completed that grade, in total and by sex and urban or rural area (UNESCO UIS estimates "
    "from household surveys, SDG 4.1.2); wealth quintiles other than the total are left out."
)

SDG: tuple[Entry, ...] = (
    Entry(
        "poverty_rate_190", one("SI_POV_DAY1"),
        "International poverty rate ($1.90 a day, 2011 PPP)", "% of population", "B", "SOMRDPE", DOWN,
        PERCENT,
        "Share of the population living on less than $1.90 a day at 2011 purchasing-power parity, the "
        "international poverty line in use in October 2020 (World Bank, SDG 1.1.1).",
        source_unit="percent",
    ),
    Entry(
        "national_poverty_rate", one("SI_POV_NAHC"),
        "Population below the national poverty line", "% of population", "B", "SOMRDPE", DOWN, PERCENT,
        "Share of the population living below the poverty line set by the national government, in total "
        "and by urban or rural area (SDG 1.2.1); lines differ by country, so compare trends, not levels.",
        source_unit="percent",
    ),
    Entry(
        "social_protection_coverage", one("SI_COV_BENFTS"),
        "Population covered by at least one social protection benefit", "% of population", *SOCIAL,
        "Share of the population that receives at least one social protection cash benefit or "
        f"contributes to a social insurance scheme {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "pension_coverage", one("SI_COV_PENSN"),
        "Older persons receiving a pension", "% of population above pensionable age", *SOCIAL,
        f"Share of people above the statutory pensionable age who receive an old-age pension {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "disability_benefit_coverage", one("SI_COV_DISAB"),
        "Persons with severe disabilities receiving a disability benefit",
        "% of persons with severe disabilities", *SOCIAL,
        f"Share of persons with severe disabilities who receive a disability cash benefit {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "child_benefit_coverage", one("SI_COV_CHLD"),
        "Children receiving child or family benefits", "% of children", *SOCIAL,
        f"Share of children, or households with children, receiving a child or family cash benefit {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "maternity_benefit_coverage", one("SI_COV_MATNL"),
        "Mothers with newborns receiving a maternity benefit", "% of mothers with newborns", *SOCIAL,
        f"Share of women giving birth who receive a maternity cash benefit {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "unemployment_benefit_coverage", one("SI_COV_UEMP"),
        "Unemployed persons receiving unemployment benefits", "% of unemployed persons", "D", "SLOM", UP,
        PERCENT,
        f"Share of unemployed people who receive an unemployment cash benefit {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "social_assistance_coverage", one("SI_COV_VULN"),
        "Vulnerable persons receiving social assistance", "% of vulnerable population", *SOCIAL,
        "Share of vulnerable people (children, and adults and older persons not covered by contributory "
        f"schemes) who receive a social assistance cash benefit {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "work_injury_coverage", one("SI_COV_WKINJRY"),
        "Employed persons covered in case of work injury", "% of employed population", "D", "SLOM", UP,
        PERCENT,
        f"Share of employed people who are covered by a scheme paying benefits after a work injury {ILO_SP}.",
        source_unit="percent",
    ),
    Entry(
        "maternal_mortality_ratio", one("SH_STA_MMR"),
        "Maternal mortality ratio", "deaths per 100,000 live births", "B", "SOMHD", DOWN, COUNT,
        "Women who die from pregnancy-related causes during pregnancy or within 42 days after it, per "
        "100,000 live births (UN inter-agency estimates, SDG 3.1.1).",
        source_unit="per_100000_live_births",
    ),
    Entry(
        "uhc_service_coverage_index", one("SH_ACS_UNHC"),
        "UHC service coverage index", "index (0-100)", "B", "SOMHD", UP, (0.0, 100.0, False),
        "Average coverage of essential health services (maternal and child health, infectious and "
        "noncommunicable diseases, service capacity and access), from 0 to 100 (WHO, SDG 3.8.1).",
        source_unit="index",
    ),
    Entry(
        "road_traffic_death_rate", one("SH_STA_TRAF"),
        "Road traffic death rate", "deaths per 100,000 population", "B", "SOMHD", DOWN, COUNT,
        "Deaths from road traffic injuries per 100,000 population (WHO estimates, SDG 3.6.1).",
        source_unit="per_100000_pop",
    ),
    Entry(
        "basic_drinking_water", one("SP_ACS_BSRVH2O"),
        "Population using at least basic drinking water services", "% of population", "B", "SOMRDPE", UP,
        PERCENT,
        "Share of the population drinking water from an improved source within a 30-minute round trip, in "
        "total and by urban or rural area (WHO/UNICEF JMP, SDG 1.4.1).",
        source_unit="percent",
    ),
    Entry(
        "basic_sanitation", one("SP_ACS_BSRVSAN"),
        "Population using at least basic sanitation services", "% of population", "B", "SOMRDPE", UP,
        PERCENT,
        "Share of the population using an improved sanitation facility not shared with other households, "
        "in total and by urban or rural area (WHO/UNICEF JMP, SDG 1.4.1).",
        source_unit="percent",
    ),
    Entry(
        "completion_rate_primary", one("SE_TOT_CPLR", "primar"),
        "Completion rate, primary education", "% of relevant age group", "B", "SOM-ED", UP, PERCENT,
        CPLR.format("primary school"), source_unit="percent",
    ),
    Entry(
        "completion_rate_lower_secondary", one("SE_TOT_CPLR", "lowsec"),
        "Completion rate, lower secondary education", "% of relevant age group", "B", "SOM-ED", UP,
        PERCENT, CPLR.format("lower secondary school"), source_unit="percent",
    ),
    Entry(
        "completion_rate_upper_secondary", one("SE_TOT_CPLR", "uppsec"),
        "Completion rate, upper secondary education", "% of relevant age group", "B", "SOM-ED", UP,
        PERCENT, CPLR.format("upper secondary school"), source_unit="percent",
    ),
    Entry(
        "women_in_parliament", one("SG_GEN_PARL"),
        "Seats held by women in national parliament", "% of seats", "A", "ACW", UP, PERCENT,
        "Share of the seats in the national parliament (single or lower chamber) held by women "
        "(IPU, SDG 5.5.1).",
        source_unit="percent",
    ),
    Entry(
        "women_in_local_government", one("SG_GEN_LOCGELS"),
        "Elected seats held by women in local government", "% of elected seats", "A", "ACW", UP, PERCENT,
        "Share of the elected seats in deliberative bodies of local government held by women "
        "(UN Women, SDG 5.5.1); 2018 and 2019 only.",
        source_unit="percent",
    ),
    Entry(
        "women_in_managerial_positions", one("IC_GEN_MGTL"),
        "Women in managerial positions", "% of managers", "B", "ACW", UP, PERCENT,
        "Share of women among all people employed in managerial positions (ILO, SDG 5.5.2).",
        source_unit="percent",
    ),
    Entry(
        "intimate_partner_violence", one("VC_VAW_MARR"),
        "Recent intimate-partner violence against women", "% of ever-partnered women", "B", "ACWC", DOWN,
        PERCENT,
        "Share of ever-partnered women and girls subjected to physical or sexual violence by a current or "
        "former partner in the previous 12 months, by age group, from one national survey per country "
        "(SDG 5.2.1); Viet Nam's survey covers ages 18-49, the others 15-49.",
        source_unit="percent",
    ),
    Entry(
        "youth_neet_rate", one("SL_TLF_NEET"),
        "Youth not in employment, education or training (NEET)", "% of youth aged 15-24", "B", "SLOM",
        DOWN, PERCENT,
        "Share of young people aged 15 to 24 who are neither employed nor in education or training, in "
        "total and by sex (ILO, SDG 8.6.1).",
        source_unit="percent",
    ),
    Entry(
        "fatal_occupational_injury_rate", one("SL_EMP_FTLINJUR"),
        "Fatal occupational injuries", "per 100,000 employees", "B", "SLOM", DOWN, COUNT,
        "Deaths from injuries at work per 100,000 employees, in total and by sex where reported "
        "(ILO, SDG 8.8.1); national recording systems differ.",
        source_unit="per_100000_emp",
    ),
    Entry(
        "nonfatal_occupational_injury_rate", one("SL_EMP_INJUR"),
        "Non-fatal occupational injuries", "per 100,000 employees", "B", "SLOM", DOWN, COUNT,
        "Non-fatal injuries at work per 100,000 employees, in total and by sex where reported "
        "(ILO, SDG 8.8.1); a rise can mean better reporting rather than less safe work.",
        source_unit="per_100000_emp",
    ),
    Entry(
        "protected_kba_terrestrial", one("ER_PTD_TERRS"),
        "Terrestrial key biodiversity areas covered by protected areas", "% of key biodiversity area",
        "C", "ASOEN", UP, PERCENT,
        "Average share of each terrestrial Key Biodiversity Area that lies inside protected areas "
        "(SDG 15.1.2).",
        source_unit="percent",
    ),
    Entry(
        "protected_marine_area", one("ER_MRN_MARIN"),
        "Marine protected areas", "% of exclusive economic zone", "C", "ASOEN", UP, PERCENT,
        "Share of the country's marine area (exclusive economic zone) covered by protected areas "
        "(SDG 14.5.1); 2018 only in this vintage.",
        source_unit="percent",
    ),
    Entry(
        "pm25_mean_concentration", one("EN_ATM_PM25"),
        "Fine particulate matter (PM2.5), annual mean", "µg/m³", "C", "COP-AATHP", DOWN, COUNT,
        "Population-weighted annual mean concentration of fine particles (PM2.5), nationally and in urban "
        "areas, 2016 only (WHO modelled, SDG 11.6.2); the closest real proxy for haze in this library, "
        "not a measure of transboundary haze, which the Haze-free Roadmap tracks by air-quality days and "
        "hotspot counts.",
        source_unit="mgr_m_3",
    ),
    Entry(
        "disaster_deaths", one("VC_DSR_MORT"),
        "Deaths due to disasters", "persons", "D", "ACDM", DOWN, COUNT,
        f"People who died in disasters in the year, {SENDAI}.", source_unit="number",
    ),
    Entry(
        "disaster_missing_persons", one("VC_DSR_MISS"),
        "Missing persons due to disasters", "persons", "D", "ACDM", DOWN, COUNT,
        f"People missing after disasters in the year, {SENDAI}.", source_unit="number",
    ),
    Entry(
        "disaster_deaths_missing_rate", one("VC_DSR_MTMP"),
        "Deaths and missing persons due to disasters, per 100,000", "per 100,000 population", "D", "ACDM",
        DOWN, COUNT,
        f"People who died or went missing in disasters in the year per 100,000 population, {SENDAI}.",
        source_unit="per_100000_pop",
    ),
    Entry(
        "disaster_affected_persons", one("VC_DSR_AFFCT"),
        "People affected by disasters", "persons", "D", "ACDM", DOWN, COUNT,
        f"People affected by disasters in the year, {SENDAI}.", source_unit="number",
    ),
    Entry(
        "disaster_directly_affected_rate", one("VC_DSR_DAFF"),
        "People directly affected by disasters, per 100,000", "per 100,000 population", "D", "ACDM",
        DOWN, COUNT,
        "People directly affected by disasters in the year per 100,000 population; people hit by several "
        f"events are counted each time, so it can exceed 100,000, {SENDAI}.",
        source_unit="per_100000_pop",
    ),
    Entry(
        "disaster_economic_loss_usd", one("VC_DSR_GDPLS"),
        "Direct economic loss from disasters", "current US$", "D", "ACDM", DOWN, COUNT,
        "Direct economic loss attributed to disasters in the year, in current US dollars, as reported to "
        "the Sendai Framework Monitor (SDG 1.5.2, 11.5.2).",
        source_unit="cu_usd",
    ),
    Entry(
        "disaster_economic_loss_gdp_ratio", one("VC_DSR_LSGP"),
        "Direct economic loss from disasters relative to GDP", "ratio to GDP (the source labels it %)",
        "D", "ACDM", DOWN, COUNT,
        "Direct economic loss from disasters divided by gross domestic product (SDG 1.5.2, 11.5.2); "
        "published with the unit 'percent', the values are the plain ratio (0.12 = 12% of GDP), as "
        "dividing the dollar loss by GDP shows.",
        source_unit="percent",
    ),
    Entry(
        "drr_national_strategy_score", one("SG_DSR_LGRGSR"),
        "National disaster risk reduction strategy score", "score (0-1)", "D", "ACDM", UP,
        (0.0, 1.0, False),
        "Score from 0 to 1 for how far the national disaster risk reduction strategy is adopted and "
        "implemented in line with the Sendai Framework (SDG 1.5.3, 11.b.1, 13.1.2).",
        source_unit="index",
    ),
    Entry(
        "drr_local_strategies", one("SG_DSR_SILS"),
        "Local governments with disaster risk reduction strategies", "% of local governments", "D",
        "ACDM", UP, PERCENT,
        "Share of local governments that adopt and implement local disaster risk reduction strategies in "
        "line with the national strategy (SDG 1.5.4, 11.b.2, 13.1.3).",
        source_unit="percent",
    ),
    Entry(
        "undernourishment_prevalence", one("SN_ITK_DEFC"),
        "Prevalence of undernourishment", "% of population", "B", "SOMRDPE", DOWN, PERCENT,
        "Share of the population whose usual food intake does not give enough dietary energy for a "
        "normal, active, healthy life (FAO, SDG 2.1.1); values published as '<2.5' are left out.",
        source_unit="percent",
    ),
)  # fmt: skip

# ---------------------------------------------------------------- Our World in Data, CO2 (2020 vintage)

OWID_FILE = "asean_co2_owid2020.csv"
OWID_URL = "https://github.com/owid/co2-data"
GCP = "Global Carbon Project"
CAIT = "CAIT Climate Data Explorer (WRI)"
CO2 = ("C", "ASOEN", DOWN)

OWID: tuple[Entry, ...] = (
    Entry(
        "co2_emissions", one("co2"), "CO2 emissions", "million tonnes CO2", *CO2, COUNT,
        "Carbon dioxide emitted in the year from fossil fuels and cement on the country's territory "
        "(production-based).", GCP,
    ),
    Entry(
        "co2_per_capita", one("co2_per_capita"), "CO2 emissions per person", "tonnes CO2 per person",
        *CO2, COUNT,
        "Production-based carbon dioxide emissions from fossil fuels and cement divided by population.", GCP,
    ),
    Entry(
        "consumption_co2_per_capita", one("consumption_co2_per_capita"),
        "Consumption-based CO2 emissions per person", "tonnes CO2 per person", *CO2, COUNT,
        "Carbon dioxide emitted to make what the country's people consume, wherever it was made "
        "(territorial emissions minus those in exports plus those in imports), per person.", GCP,
    ),
    Entry(
        "ghg_emissions", one("total_ghg"), "Greenhouse gas emissions", "million tonnes CO2-equivalent",
        *CO2, COUNT,
        "All greenhouse gases emitted in the year, including land-use change and forestry, in carbon "
        "dioxide equivalents.", CAIT,
    ),
    Entry(
        "ghg_per_capita", one("ghg_per_capita"), "Greenhouse gas emissions per person",
        "tonnes CO2-equivalent per person", *CO2, COUNT,
        "All greenhouse gases emitted in the year, including land-use change and forestry, in carbon "
        "dioxide equivalents, divided by population.", CAIT,
    ),
    Entry(
        "methane_emissions", one("methane"), "Methane emissions", "million tonnes CO2-equivalent",
        *CO2, COUNT,
        "Methane emitted in the year (agriculture, energy, waste and land use), in carbon dioxide "
        "equivalents.", CAIT,
    ),
    Entry(
        "energy_per_capita", one("energy_per_capita"), "Primary energy consumption per person",
        "kWh per person per year", "C", "ASOEN", NONE, COUNT,
        "Primary energy from all sources consumed per person in the year; a context figure for the "
        "energy transition, not available for every Member State.", "BP Statistical Review of World Energy",
    ),
)  # fmt: skip

# ---------------------------------------------------------------- Worldwide Governance Indicators

WGI_FILE = "asean_wgi_government_effectiveness.csv"
WGI: tuple[Entry, ...] = (
    Entry(
        "government_effectiveness", one("ge_est"),
        "Government Effectiveness (WGI estimate)", "estimate (standard-normal units, -2.5 to 2.5)", "A",
        "ACCSM", UP, (-2.5, 2.5, False),
        "Perceived quality of public services and of the civil service, of policy making and "
        "implementation, and the credibility of the government's commitment to them, from about -2.5 "
        "(weak) to 2.5 (strong); scores are relative across countries and revised back in time at every "
        "release.",
        "Kaufmann & Kraay, Worldwide Governance Indicators (World Bank)",
        "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
    ),
)  # fmt: skip


# ---------------------------------------------------------------- readers: source file -> tidy rows


def member_states() -> dict[str, str]:
    """ISO3 -> name of the ten Member States in the sample data (reference/member_states.csv)."""
    table = pd.read_csv(MEMBER_STATES_FILE, dtype=str, keep_default_na=False)
    return {r.iso3: r.name for r in table.itertuples() if r.in_sample_data == "true"}


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """The TIDY_COLUMNS of `frame`, breakdowns blank where absent, rows without a number dropped."""
    out = frame.copy()
    for column in ("country", "sex", "location", "age"):
        if column not in out.columns:
            out[column] = ""
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out["year"] = out["year"].astype(int)
    return out.dropna(subset=["value"])[list(TIDY_COLUMNS)]


def read_gapminder(path: Path, entries: tuple[Entry, ...]) -> pd.DataFrame:
    """Long file, one concept per indicator: (concept, sex) parts become rows of one indicator id."""
    raw = pd.read_csv(path, dtype={"value": float})
    frames = []
    for entry in entries:
        parts = []
        for concept, sex in entry.parts:
            part = raw[raw["indicator"] == concept]
            if part.empty:
                raise BuildError(f"{path.name}: no rows for {concept}")
            parts.append(part.assign(indicator=entry.id, sex=sex))
        if entry.add_total:
            both = pd.concat(parts).groupby(["iso3", "country", "year"], as_index=False)["value"]
            counted = both.agg(["sum", "count"])
            total = counted[counted["count"] == len(entry.parts)].rename(columns={"sum": "value"})
            parts.append(total.drop(columns="count").assign(indicator=entry.id, sex=""))
        frames += parts
    return tidy(pd.concat(frames, ignore_index=True))


def age_code(raw: str) -> str:
    return AGE.get(raw, raw.replace("_", "-"))


def drop_constant_breakdowns(frame: pd.DataFrame) -> pd.DataFrame:
    """A breakdown with one single value for a whole indicator (e.g. sex = female for women in
    parliament, age = 15-24 for NEET) is part of its definition, not a breakdown: write it as total."""
    out = frame.copy()
    for column in ("sex", "location", "age"):
        single = out.groupby("indicator")[column].transform("nunique") == 1
        out.loc[single, column] = ""
    return out


def read_sdg(path: Path, entries: tuple[Entry, ...]) -> pd.DataFrame:
    """Long file with breakdown columns: (series, education level) parts, totals of the other dimensions."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if (raw["other_dimensions"] != "").any():
        raise BuildError(f"{path.name}: other_dimensions is used; decide how to keep it")
    frames = []
    for entry in entries:
        ((series, level),) = entry.parts
        rows = raw[
            (raw["series"] == series)
            & (raw["education_level"] == level)
            & raw["quantile"].isin(TOTAL_CODES)
            & raw["migratory_status"].isin(TOTAL_CODES)
        ]
        if set(rows["units"]) - {entry.source_unit}:
            print(f"  {series}: units {sorted(set(rows['units']))}, keeping {entry.source_unit}")
        rows = rows[rows["units"] == entry.source_unit]
        if rows.empty:
            raise BuildError(f"{path.name}: no rows for {series} {level} in {entry.source_unit}")
        unknown = set(rows["sex"]) - set(SEX) | set(rows["location"]) - set(LOCATION)
        if unknown:
            raise BuildError(f"{path.name}: {series} has unknown breakdown codes {sorted(unknown)}")
        frames.append(
            rows.assign(
                indicator=entry.id,
                sex=rows["sex"].map(SEX),
                location=rows["location"].map(LOCATION),
                age=rows["age"].map(age_code),
            )
        )
    return tidy(pd.concat(frames, ignore_index=True))


def read_wide(path: Path, entries: tuple[Entry, ...]) -> pd.DataFrame:
    """OWID and WGI: one column per indicator -> long rows."""
    raw = pd.read_csv(path)
    columns = {entry.parts[0][0]: entry.id for entry in entries}
    missing = set(columns) - set(raw.columns)
    if missing:
        raise BuildError(f"{path.name}: missing columns {sorted(missing)}")
    long = raw.melt(["iso3", "country", "year"], list(columns), var_name="indicator", value_name="value")
    return tidy(long.assign(indicator=long["indicator"].map(columns)))


@dataclass(frozen=True, slots=True)
class Output:
    """One library file: its path under datasets/, the source file it is read from, and how."""

    file: str
    source_file: str
    read: Callable[[Path, tuple[Entry, ...]], pd.DataFrame]
    entries: tuple[Entry, ...]


GAPMINDER_OUT, SDG_OUT, OWID_OUT, WGI_OUT = (
    f"library/{name}.csv" for name in ("gapminder", "sdg_unsd2020", "co2_owid2020", "wgi")
)
OUTPUTS = (
    Output(GAPMINDER_OUT, GAPMINDER_FILE, read_gapminder, GAPMINDER),
    Output(SDG_OUT, SDG_FILE, read_sdg, SDG),
    Output(OWID_OUT, OWID_FILE, read_wide, OWID),
    Output(WGI_OUT, WGI_FILE, read_wide, WGI),
)
SOURCE_CATALOGUES = {  # output -> (the source's own catalogue file, its key column)
    GAPMINDER_OUT: ("asean_indicators_gapminder_catalogue.csv", "indicator"),
    SDG_OUT: ("asean_sdg_indicators_unsd2020_catalogue.csv", "series"),
}


def finish(frame: pd.DataFrame, states: dict[str, str], name: str) -> pd.DataFrame:
    """Member States only, names from the reference table, sorted, keys checked unique."""
    out = drop_constant_breakdowns(frame[frame["iso3"].isin(states)])
    out["country"] = out["iso3"].map(states)
    out = out.sort_values(KEYS[2:3] + KEYS[:2] + KEYS[3:], kind="stable").reset_index(drop=True)
    duplicated = out.duplicated(KEYS)
    if duplicated.any():
        raise BuildError(
            f"{name}: {duplicated.sum()} duplicate keys, e.g. {out[duplicated].iloc[0].tolist()}"
        )
    return out


def number(value: float) -> str:
    """The shortest text that reads back as the same float, never in scientific notation (for Excel)."""
    return np.format_float_positional(float(value), trim="-")


def write_tidy(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.assign(value=frame["value"].map(number)).to_csv(path, index=False, lineterminator="\n")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BuildError(f"{path.name}: {path.stat().st_size:,} bytes, over the {MAX_FILE_BYTES:,} limit")


# ---------------------------------------------------------------- catalogue rows


def source_and_licence(output: str, entry: Entry) -> tuple[str, str, str]:
    """(source, source_url, licence) of a library indicator, from its file's .source.md note."""
    keys = ", ".join(key for key, _qualifier in entry.parts)
    if output == GAPMINDER_OUT:
        source = f"{entry.upstream}, via Gapminder Systema Globalis ({keys}; {GAPMINDER_VIA})"
        licence = "CC BY 4.0 (Gapminder)"
        if entry.upstream == EMDAT:
            licence += (
                "; EM-DAT's own terms restrict redistribution of raw EM-DAT data: teaching data, cite EM-DAT"
            )
        elif entry.upstream == WPP:
            licence += "; UN World Population Prospects: CC BY 3.0 IGO"
        elif entry.upstream in (WDI, ILO):
            licence += f"; {entry.upstream.split(',')[0]} data: CC BY 4.0"
        else:
            licence += f"; check {entry.upstream}'s own licence before non-teaching reuse"
        return source, entry.url, licence
    if output == SDG_OUT:
        level = f" ({entry.parts[0][1]})" if entry.parts[0][1] else ""
        source = (
            f"UN SDG Global Database (UNSD), series {entry.parts[0][0]}{level}, October 2020 vintage, via "
            "open-numbers/ddf--unstats--sdg_indicators (commit 1bfae15)"
        )
        licence = (
            "UN SDG Global Database: reuse with attribution under the UN's data terms; the open-numbers "
            "repository states no licence. NOT VERIFIED, check before publishing"
        )
        return source, SDG_URL, licence
    if output == OWID_OUT:
        source = (
            f"Our World in Data, CO2 and GHG emissions dataset (2020), column {keys}, based on "
            f"{entry.upstream} (owid/co2-data, commit 2a6c4a2, 2020-12-09)"
        )
        licence = f"CC BY 4.0 (Our World in Data); the {entry.upstream} data keep their own licence"
        return source, OWID_URL, licence
    source = (
        f"{entry.upstream}, Government Effectiveness: Estimate (GE.EST), vintage ending in 2022, via "
        "open-numbers/ddf--world_bank--world_development_indicators (commit 0cf74c7)"
    )
    return source, entry.url, "CC BY 4.0 (World Bank), not re-verified"


def bound(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def catalogue_row(output: str, entry: Entry) -> dict[str, str]:
    source, url, licence = source_and_licence(output, entry)
    low, high, percentage = entry.scale
    return {
        "indicator": entry.id,
        "name": entry.name,
        "unit": entry.unit,
        "definition": entry.definition,
        "source": source,
        "source_url": url,
        "licence": licence,
        "file": output,
        "characteristic": entry.characteristic,
        "sectoral_body": entry.body,
        "mapping": "ours",
        "direction": entry.direction,
        "percentage": "true" if percentage else "false",
        "min": bound(low),
        "max": bound(high),
        "synthetic": "false",
    }


def write_catalogue(rows: list[dict[str, str]], path: Path = CATALOGUE_FILE) -> int:
    """Our rows first, then any existing row of another file (the synthetic samples), kept as it was."""
    ours = {r["indicator"] for r in rows} | {r["file"] for r in rows}
    kept: list[dict[str, str]] = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            kept = [r for r in csv.DictReader(f) if r["indicator"] not in ours and r["file"] not in ours]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(CATALOGUE_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows + [{c: r.get(c, "") for c in CATALOGUE_COLUMNS} for r in kept])
    return len(kept)


# ---------------------------------------------------------------- main


def check_entries() -> None:
    """Ids unique and well formed before anything is written."""
    ids = [e.id for o in OUTPUTS for e in o.entries]
    if len(ids) != len(set(ids)):
        raise BuildError(f"indicator ids listed twice: {sorted({i for i in ids if ids.count(i) > 1})}")
    malformed = [i for i in ids if not INDICATOR_ID.match(i)]
    if malformed:
        raise BuildError(f"indicator ids not in lower_snake_case: {malformed}")


def report_left_out(data_dir: Path) -> None:
    """Check our keys against each source catalogue and print what the library leaves out."""
    for output in OUTPUTS:
        if output.file not in SOURCE_CATALOGUES:
            continue
        name, column = SOURCE_CATALOGUES[output.file]
        listed = list(pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)[column])
        used = {key for entry in output.entries for key, _qualifier in entry.parts}
        if used - set(listed):
            raise BuildError(f"{name}: does not list {sorted(used - set(listed))}")
        left_out = [key for key in listed if key not in used]
        print(f"  left out of {output.file} (see library/README.md): {', '.join(left_out) or 'nothing'}")


def build(data_dir: Path) -> None:
    check_entries()
    report_left_out(data_dir)
    states = member_states()
    rows: list[dict[str, str]] = []
    for output in OUTPUTS:
        raw = output.read(data_dir / output.source_file, output.entries)
        table = finish(raw, states, output.file)
        absent = {e.id for e in output.entries} - set(table["indicator"])
        if absent:
            raise BuildError(f"{output.file}: no rows left for {sorted(absent)}")
        write_tidy(table, DATASETS_DIR / output.file)
        rows += [catalogue_row(output.file, e) for e in output.entries]
        print(f"{output.file}: {len(table):,} rows, {len(output.entries)} indicators")
    kept = write_catalogue(rows)
    print(f"catalogue.csv: {len(rows)} library rows written, {kept} other rows kept after them")


def main(argv: list[str]) -> None:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        raise SystemExit(f"{data_dir}: not a directory (give the shared data folder as the argument)")
    build(data_dir.resolve())


if __name__ == "__main__":
    main(sys.argv[1:])
