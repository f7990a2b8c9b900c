"""The diversity analysis: suppression proved on random tables, the aggregate figures files
validated, and the /roles/diversity/ page built from synthetic content ("Example" roles and
made-up figures that exist only here).

The recovery check is independent of ``diversity``'s own graph search: it tries every whole-number
filling of the hidden cells within 1 of the true counts and keeps those that reproduce every shown
number. Finding a second value for each hidden number is a proof that it cannot be worked out.
"""

from __future__ import annotations

import html
import itertools
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccpl_hub.build import HubBuild
from ccpl_hub.diversity import Table, augmented_grid, hidden_positions, merge_small_rows, percent, publish
from ccpl_hub.validation import validate_content
from corpus import corpus_files, role_text, write_corpus
from sites import BuiltSite, make_project, output_of, run_validate, with_field

TODAY = date(2026, 11, 23)
PROPERTIES = settings(max_examples=300, deadline=None)
SMALL_COUNTS = st.one_of(st.integers(0, 5), st.integers(0, 50))  # about half of the counts are 0 to 5


def tables(max_rows: int = 6, max_columns: int = 6):
    return st.tuples(st.integers(1, max_rows), st.integers(1, max_columns)).flatmap(
        lambda shape: st.lists(st.lists(SMALL_COUNTS, min_size=shape[1], max_size=shape[1]),
                               min_size=shape[0], max_size=shape[0]))


def lines(rows: int, columns: int):
    """Every row and column of the augmented grid (totals included) as a list of positions."""
    yield from ([(i, j) for j in range(columns + 1)] for i in range(rows + 1))
    yield from ([(i, j) for i in range(rows + 1)] for j in range(columns + 1))


def known_positions(counts, known_margins: bool) -> set:
    rows, columns = len(counts), len(counts[0])
    return {(i, columns) for i in range(rows + 1)} if known_margins else set()


# --- the suppression rules on random tables ------------------------------------------------------

@PROPERTIES
@given(counts=tables(), known_margins=st.booleans())
def test_no_count_from_1_to_4_is_ever_shown(counts, known_margins):
    table = Table(tuple(f"row {i}" for i in range(len(counts))), tuple(f"column {j}" for j in range(len(counts[0]))),
                  tuple(map(tuple, counts)))
    published = publish(table, known_margins)
    shown = [n for row in published.cells for n in row] + [*published.row_totals, *published.column_totals, published.total]
    assert not [n for n in shown if n is not None and 1 <= n <= 4]
    grid = augmented_grid(counts)
    rows, columns = len(counts), len(counts[0])
    assert [n for row in published.cells for n in row if n is not None] == [
        grid[i, j] for i in range(rows) for j in range(columns) if published.cells[i][j] is not None]
    for i in range(rows):
        for j in range(columns):
            share = published.row_percent(i, j)
            assert (share is None) == (published.cells[i][j] is None or not published.row_totals[i])


@PROPERTIES
@given(counts=tables(), known_margins=st.booleans())
def test_no_line_has_exactly_one_hidden_number(counts, known_margins):
    """A row or column with one hidden number gives it away: its total minus the others.
    Numbers a reader is assumed to know (known margins) do not count as hidden."""
    known_margins = known_margins and len(counts[0]) > 1
    hidden = hidden_positions(counts, known_margins) - known_positions(counts, known_margins)
    for line in lines(len(counts), len(counts[0])):
        assert sum(1 for p in line if p in hidden) != 1, (counts, sorted(hidden), line)


def solutions(counts, hidden, known):
    """Every filling of the hidden cells within 1 of the truth that reproduces all shown numbers."""
    grid = augmented_grid(counts)
    published = {p: n for p, n in grid.items() if p not in hidden or p in known}
    cells = [p for p in sorted(hidden) if p[0] < len(counts) and p[1] < len(counts[0])]
    for moves in itertools.product((-1, 0, 1), repeat=len(cells)):
        trial = [list(row) for row in counts]
        for (i, j), move in zip(cells, moves):
            trial[i][j] += move
        if any(n < 0 for row in trial for n in row):
            continue
        filled = augmented_grid(trial)
        if all(filled[p] == n for p, n in published.items()):
            yield filled


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(counts=tables(3, 3).filter(lambda c: len(c) * len(c[0]) <= 6), known_margins=st.booleans())
def test_no_hidden_number_can_be_worked_out(counts, known_margins):
    """Brute force on small tables: each hidden number takes at least two values among the
    non-negative whole-number tables that match everything a reader sees."""
    known_margins = known_margins and len(counts[0]) > 1  # one column: a cell is its own known total
    known = known_positions(counts, known_margins)
    hidden = hidden_positions(counts, known_margins)
    values = {p: set() for p in hidden - known}
    for filled in solutions(counts, hidden, known):
        for p in values:
            values[p].add(filled[p])
    assert not [p for p, seen in values.items() if len(seen) < 2], (counts, sorted(hidden))


@PROPERTIES
@given(counts=tables(8, 4))
def test_merging_small_rows_leaves_no_row_total_from_1_to_4(counts):
    table = Table(tuple(f"group {i}" for i in range(len(counts))), tuple(f"category {j}" for j in range(len(counts[0]))),
                  tuple(map(tuple, counts)))
    merged = merge_small_rows(table, "Other groups")
    totals = [sum(row) for row in merged.counts]
    if sum(totals) >= 5:
        assert not [t for t in totals if 1 <= t <= 4]
    assert [sum(column) for column in zip(*merged.counts)] == [sum(column) for column in zip(*counts)]
    assert set(merged.rows) - set(table.rows) <= {"Other groups"}


def test_a_single_small_count_takes_its_neighbour_with_it():
    published = publish(Table(("All",), ("Female", "Male"), ((3, 40),)))
    assert published.cells == ((None, None),)
    assert published.row_totals == (43,)
    assert published.column_totals == (None, None)


def test_percentages_round_half_up_and_hide_with_their_numbers():
    assert [percent(1, 8), percent(3, 8), percent(1, 3), percent(None, 8), percent(3, None), percent(0, 0)] == [
        13, 38, 33, None, None, None]


# --- aggregate figures files ----------------------------------------------------------------------

FIGURES = """ics: Gloucestershire
year: 2025
as_at: 2026-03-31
population: "Example population, made up for the tests"
source: "Example citation, made up for the tests"
tables:
  sex:
    counts: {Female: 12, Male: 9, Not stated: 2}
  ethnicity:
    by_profession_group:
      Medicine: {Asian or Asian British: 3, Black or Black British: 0, Mixed: 0, White: 8, Other ethnic group: 0, Not stated: 1}
      Nursing and midwifery: {Asian or Asian British: 1, Black or Black British: 2, Mixed: 0, White: 5, Other ethnic group: 0, Not stated: 0}
      Pharmacy: {Asian or Asian British: 1, Black or Black British: 0, Mixed: 0, White: 2, Other ethnic group: 0, Not stated: 0}
"""
FIGURES_PATH = "framework/diversity/gloucestershire-2025.yml"
SEX_LINE = "    counts: {Female: 12, Male: 9, Not stated: 2}"


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in validate_content(root).problems]


def test_a_valid_figures_file_validates(corpus_root):
    write_corpus(corpus_root, {FIGURES_PATH: FIGURES})
    result = validate_content(corpus_root)
    assert result.problems == []
    [entry] = result.entries["diversity"]
    assert entry.record.ics == "Gloucestershire" and entry.record.tables.sex.total == 23


@pytest.mark.parametrize("old, new, expected", [
    ("Male: 9", "Male: -9", "8: tables.sex.counts.Male: '-9' is not a count: write a whole number of people, 0 or more"),
    ("Male: 9", "Male: 9.5", "8: tables.sex.counts.Male: '9.5' is not a count: write a whole number of people, 0 or more"),
    ("Male: 9", "Male: nine", "8: tables.sex.counts.Male: 'nine' is not a count"),
    ("Male: 9,", "Male: null,", "8: tables.sex.counts.Male: is empty; write the number of people (0 if there is no one)"),
    ("Female: 12", "Femal: 12", "8: tables.sex.counts.Femal: 'Femal' is not allowed; did you mean 'Female'? "
                                "Use one of: 'Female', 'Male', 'Not stated'"),
    (", Not stated: 2}", "}", "8: tables.sex.counts: has no count for 'Not stated': give every sex category, "
                              "with 0 where there is no one"),
    ("  sex:", "  religion:", "7: tables.religion: is not a field of a tables section; Allowed fields: "
                              "age_band, sex, ethnicity, disability"),
    ("    counts:", "    count:", "8: tables.sex.count: is not a field of a dimension table; did you mean 'counts'?"),
    ("      Medicine:", "      Medicin:", "11: tables.ethnicity.by_profession_group.Medicin: unknown profession "
                                         "group 'Medicin'; did you mean 'Medicine'?"),
    (SEX_LINE, SEX_LINE + "\n    by_profession_group: {Medicine: {Female: 12, Male: 9, Not stated: 2}}",
     "7: tables.sex: give either 'counts' (category: number of people) or 'by_profession_group'"),
    ("Male: 9", "Male: 10", "6: tables: the tables count different numbers of people (sex 24, ethnicity 23); every "
                            "table counts the same people"),
    ("White: 2", "White: 3", "6: tables: the tables count different numbers of people (sex 23, ethnicity 24)"),
    ("as_at: 2026-03-31", "as_at: 2023-03-31", "3: as_at: 2023-03-31 is not in 2025 or 2026"),
    ("ics: Gloucestershire", "ics: Gloucestershir", "1: ics: unknown ICS 'Gloucestershir'; did you mean 'Gloucestershire'?"),
    ("year: 2025", "year: twenty", "2: year: 'twenty' must be a whole number"),
])
def test_a_bad_figures_file_is_reported_precisely(corpus_root, old, new, expected):
    assert old in FIGURES
    write_corpus(corpus_root, {FIGURES_PATH: FIGURES.replace(old, new, 1)})
    [problem] = problems_of(corpus_root)
    assert problem.startswith(f"{FIGURES_PATH}:{expected}"), problem


def test_a_figures_file_is_named_after_its_ics_and_year(corpus_root):
    write_corpus(corpus_root, {"framework/diversity/glos-2025.yml": FIGURES})
    assert problems_of(corpus_root) == ["framework/diversity/glos-2025.yml:2: file: the figures of Gloucestershire "
                                        "for 2025 belong in framework/diversity/gloucestershire-2025.yml"]


def test_group_tables_must_count_the_same_people_in_each_group(corpus_root):
    by_group = ("    by_profession_group:\n"
                "      Medicine: {Female: 6, Male: 6, Not stated: 0}\n"
                "      Nursing and midwifery: {Female: 8, Male: 1, Not stated: 2}\n")
    write_corpus(corpus_root, {FIGURES_PATH: FIGURES.replace(SEX_LINE + "\n", by_group)})
    assert problems_of(corpus_root) == [
        f"{FIGURES_PATH}:6: tables: the tables by profession group count different numbers of people in "
        "Nursing and midwifery (sex 11, ethnicity 8); they must count the same people"]


def test_the_validator_command_rejects_a_bad_figures_file_without_a_traceback(tmp_path):
    root = write_corpus(tmp_path / "content", {FIGURES_PATH: FIGURES.replace("Male: 9", "Male: -9")})
    run = run_validate(root)
    assert run.returncode == 1
    assert f"{FIGURES_PATH}:8: tables.sex.counts.Male: '-9' is not a count" in run.stdout
    assert "Traceback" not in output_of(run)


@pytest.mark.parametrize("key, value", [("ethnicity", '"Example ethnic group"'), ("age", "47"),
                                        ("disability", '"Example"'), ("sex", "Female")])
def test_a_role_listing_cannot_hold_demographic_data(corpus_root, key, value):
    path = "framework/roles/gloucestershire/example-role-vacant.md"
    text = with_field(corpus_files()[path], key, value)
    write_corpus(corpus_root, {path: text})
    line = text.split("\n").index(f"{key}: {value}") + 1
    assert problems_of(corpus_root) == [
        f"{path}:{line}: {key}: is personal demographic data about a named person, which the hub never stores; "
        "remove it (diversity figures come only from aggregate count files)"]


# --- the page ------------------------------------------------------------------------------------

CELL = re.compile(r"<td>(.*?)</td>|<text [^>]*>(.*?)</text>")
NUMBER = re.compile(r"(?<![\d.])(\d+)(?![\d%])")  # a count, not a percentage


def small_counts_in_cells(markdown: str) -> list[str]:
    """Table cells and chart labels that show a count from 1 to 4."""
    cells = [a or b for a, b in CELL.findall(markdown)]
    return [cell for cell in cells if any(1 <= int(n) <= 4 for n in NUMBER.findall(cell))]


def diversity_page(root: Path) -> str:
    build = HubBuild.from_content(root, today=TODAY)
    assert build.problems == []
    return build.pages["roles/diversity.md"]


ROLE_AREAS = {"gloucestershire": "Gloucestershire", "derby-and-derbyshire": "Derby and Derbyshire",
              "somerset": "Somerset"}
PROFESSIONS = ("medicine", "nursing", "pharmacy", "physiotherapy", "social-work", "not-stated")
FUNCTIONS = ("Professional network", "Place or locality population health", "Transformation programme",
             "ICB executive", "Other")


def listings(roles: list[tuple[str, str, str]]) -> dict[str, str | None]:
    """Only the given roles (area slug, profession, function): the fixture's own listings are left out."""
    files: dict[str, str | None] = {p: None for p in corpus_files() if p.startswith("framework/roles/")}
    for number, (area, profession, function) in enumerate(roles):
        text = role_text(f"Example role {number}", ics=ROLE_AREAS[area], profession=profession)
        files[f"framework/roles/{area}/example-role-{number}.md"] = with_field(text, "function", function)
    return files


def figures_file(ics: str, year: int, sex: list[int], ethnicity_by_group: dict[str, list[int]]) -> str:
    sex_counts = ", ".join(f"{c}: {n}" for c, n in zip(("Female", "Male", "Not stated"), sex))
    rows = "".join(f"      {group}: {{" + ", ".join(
        f"{c}: {n}" for c, n in zip(("Asian or Asian British", "Black or Black British", "Mixed", "White",
                                     "Other ethnic group", "Not stated"), counts)) + "}\n"
        for group, counts in ethnicity_by_group.items())
    return (f"ics: {ics}\nyear: {year}\nas_at: {year + 1}-03-31\npopulation: \"Example population, made up for the "
            f"tests\"\nsource: \"Example citation, made up for the tests\"\ntables:\n  sex:\n    counts: "
            f"{{{sex_counts}}}\n  ethnicity:\n    by_profession_group:\n{rows}")


@st.composite
def corpora(draw):
    """Random role listings and one random figures file whose tables agree with each other."""
    roles = draw(st.lists(st.tuples(st.sampled_from(sorted(ROLE_AREAS)), st.sampled_from(PROFESSIONS),
                                    st.sampled_from(FUNCTIONS)), min_size=1, max_size=30))
    groups = draw(st.lists(st.sampled_from(["Medicine", "Nursing and midwifery", "Pharmacy", "Public health"]),
                           min_size=1, max_size=4, unique=True))
    ethnicity = {g: draw(st.lists(SMALL_COUNTS, min_size=6, max_size=6)) for g in groups}
    people = sum(map(sum, ethnicity.values()))
    female = draw(st.integers(0, people))
    male = draw(st.integers(0, people - female))
    files = listings(roles)
    if people:
        files[FIGURES_PATH] = figures_file("Gloucestershire", 2025, [female, male, people - female - male], ethnicity)
    return files


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=corpora())
def test_the_built_page_never_shows_a_count_from_1_to_4(files):
    with tempfile.TemporaryDirectory() as folder:
        page = diversity_page(write_corpus(Path(folder), files))
    assert "<td>" in page
    assert small_counts_in_cells(page) == []


def table_rows(markdown: str, caption: str) -> dict[str, list[str]]:
    """The rows of the table with this caption: row heading -> cell texts (the total row included),
    with character references decoded (the templates escape "[c]" as Markdown text)."""
    table = markdown.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    return {html.unescape(heading): [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", cells)]
            for heading, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table)}


def test_the_page_shows_the_mix_of_the_listed_roles(corpus_root):
    """No count here is from 1 to 4, so nothing is hidden and every figure can be checked."""
    roles = ([("gloucestershire", "medicine", "Other")] * 6 + [("somerset", "nursing", "ICB executive")] * 5
             + [("somerset", "physiotherapy", "Other")] * 5)
    page = diversity_page(write_corpus(corpus_root, listings(roles)))
    groups = table_rows(page, "Listed roles by profession group, all ICSs and regions")
    assert groups["Medicine"] == ["6", "38%", "Medicine"]
    assert groups["Nursing and midwifery"] == ["5", "31%", "Nursing"]
    assert groups["Allied health professions"] == ["5", "31%", "Physiotherapy"]
    assert groups["Social work and social care"] == ["0", "0%", "None"]
    assert groups["All listed roles"] == ["16", "100%", ""]
    functions = table_rows(page, "Listed roles by function, all ICSs and regions")
    assert functions["Other"] == ["11", "69%"] and functions["Professional network"] == ["0", "0%"]
    unlisted = page.split("Professions that no listed role names (in the profession groups whose count is shown): ")[1]
    assert unlisted.startswith("Midwifery, Pharmacy, Dentistry,") and "Physiotherapy" not in unlisted.split("\n")[0]
    assert table_rows(page, "Listed roles in Somerset by function") == {
        "ICB executive": ["5", "50%"], "Other": ["5", "50%"], "All listed roles in Somerset": ["10", "100%"]}
    assert "[roles in Somerset](/roles/somerset/index.md)" in page


def test_small_counts_in_the_mix_are_hidden_and_the_rest_are_true(corpus_root):
    roles = ([("gloucestershire", "medicine", "Other")] * 6 + [("derby-and-derbyshire", "pharmacy", "Other")]
             + [("somerset", "nursing", "ICB executive")] * 5 + [("somerset", "physiotherapy", "Other")] * 2)
    page = diversity_page(write_corpus(corpus_root, listings(roles)))
    truth = {"Medicine": 6, "Nursing and midwifery": 5, "Pharmacy": 1, "Allied health professions": 2,
             "All listed roles": 14}
    groups = table_rows(page, "Listed roles by profession group, all ICSs and regions")
    for group, row in groups.items():
        assert row[0] in ("[c]", str(truth.get(group, 0))), group
    assert groups["Pharmacy"][0] == groups["Allied health professions"][0] == "[c]"
    assert groups["All listed roles"][0] == "14"  # the roles per area are public: never hidden as a complement
    derby = table_rows(page, "Listed roles in Derby and Derbyshire by profession group")
    assert derby["Pharmacy"] == derby["All listed roles in Derby and Derbyshire"] == ["[c]", "[c]"]
    # Every other row is a 0 hidden to protect the 1: a shown 0 is left out, a hidden one never is.
    assert all(row == ["[c]", "[c]"] for row in derby.values())
    assert small_counts_in_cells(page) == []


def test_without_figures_the_page_says_none_are_published(corpus_root):
    page = diversity_page(corpus_root)
    assert "No ICS has published aggregate figures on the age, sex, ethnicity or disability" in page
    assert "#### Sex" not in page


def test_figures_for_fewer_than_5_people_are_not_broken_down(corpus_root):
    small = figures_file("Gloucestershire", 2025, [1, 2, 0], {"Medicine": [0, 0, 0, 3, 0, 0]})
    page = diversity_page(write_corpus(corpus_root, {FIGURES_PATH: small}))
    assert "The figures count fewer than 5 people, so no breakdown is shown." in page
    assert "#### Sex" not in page and small_counts_in_cells(page) == []


def test_small_profession_groups_are_merged_and_group_totals_shown(corpus_root):
    page = diversity_page(write_corpus(corpus_root, {FIGURES_PATH: FIGURES}))
    caption = "Ethnic group of role holders by profession group, Gloucestershire, 2025: number of people"
    rows = table_rows(page, caption)
    # Pharmacy (3 people) is too small alone, so the smallest other group (Nursing and midwifery, 8) joins it.
    assert list(rows) == ["Medicine", "Other profession groups", "All profession groups"]
    assert [row[-1] for row in rows.values()] == ["12", "11", "23"]
    truth = {"Medicine": [3, 0, 0, 8, 0, 1], "Other profession groups": [2, 2, 0, 7, 0, 0],
             "All profession groups": [5, 2, 0, 15, 0, 1]}
    for group, counts in truth.items():
        for shown, true in zip(rows[group], counts):
            assert shown == "[c]" if 1 <= true <= 4 else shown in ("[c]", str(true))
    sex = table_rows(page, "Sex of role holders, Gloucestershire, 2025")
    assert sex["Female"] == ["12", "52%"] and sex["Not stated"] == ["[c]", "[c]"]
    assert sex["Male"] == ["[c]", "[c]"]  # the smaller of the numbers that can hide the 2 'Not stated'
    assert sex["All people counted"] == ["23", "100%"]
    assert small_counts_in_cells(page) == []


# --- a strict build of the page ----------------------------------------------------------------

@pytest.fixture(scope="module")
def site_with_figures(tmp_path_factory) -> BuiltSite:
    site = BuiltSite.build(make_project(tmp_path_factory.mktemp("diversity-site"), {FIGURES_PATH: FIGURES}))
    assert site.returncode == 0, site.output
    return site


def test_the_built_page_is_linked_and_accessible(site_with_figures):
    roles = site_with_figures.page("roles/")
    assert "roles/diversity/" in roles.links()
    page = site_with_figures.page("roles/diversity/")
    charts = page.article.xpath(".//svg")
    assert charts and all(c.get("role") == "img" for c in charts)
    for chart in charts:
        title, desc = chart.get("aria-labelledby").split()
        assert chart.xpath(f".//title[@id='{title}']")[0].text and chart.xpath(f".//desc[@id='{desc}']")[0].text
    tables = page.article.xpath(".//table")
    assert tables and all(t.xpath("./caption") for t in tables)
    assert all(th.get("scope") in ("col", "row") for th in page.article.xpath(".//table//th"))
    cells = [" ".join(c.itertext()) for c in page.article.xpath(".//td | .//svg//*[local-name()='text']")]
    assert not [c for c in cells if any(1 <= int(n) <= 4 for n in NUMBER.findall(c))]
    assert "Gloucestershire, 2025" in page.text()
