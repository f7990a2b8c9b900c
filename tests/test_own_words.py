"""The published content is in our own words: no unmarked run of 12 or more words copied from a source.

``own_words`` defines what counts as the same word, a marked quotation, a list copied as a list and a
name; these tests show each rule on synthetic text, then hold every published file to it.
"""

from __future__ import annotations

import pytest

from own_words import SourceIndex, check, copies, mark_names, read_published, read_sources
from site_server import REPO_ROOT
from source_texts import SOURCE_TEXTS

MIN_WORDS = 12  # issue 13: a run of 12 or more words copied word for word

SOURCE = ("Example ICS report\n\nThe Example Senate brought together every profession in the county, so that "
          "decisions were made\nby the people who deliver care, and it met every month in a different place.\n"
          "Its aims were: improving outcomes for everyone; tackling inequalities in access and experience; "
          "enhancing value for money for the whole system.\n")
COPIED = "the people who deliver care, and it met every month in a different place"  # 14 words of line 4


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return SourceIndex.from_texts({"example.txt": SOURCE}, MIN_WORDS)


def found(index: SourceIndex, path: str, text: str, names: set | None = None) -> list[str]:
    published = read_published(path, text)
    mark_names(published, names if names is not None else published.names)
    return [copy.message() for copy in copies(published, index, MIN_WORDS)]


def page(body: str, frontmatter: str = 'title: "Example ICS"\n') -> str:
    return f"---\n{frontmatter}---\n{body}"


def test_a_copied_run_is_reported_with_its_place_and_the_source_line(index):
    text = page(f"## Approach\n\nIn Example ICS {COPIED}.\n")
    assert found(index, "case_studies/example.md", text) == [
        'case_studies/example.md:6: the run of 14 words "the people who deliver care and it met every month in '
        'a different place" matches example.txt:4; rewrite it in your own words or mark it as a quotation']


def test_a_run_of_11_words_is_not_reported_and_12_is(index):
    eleven = "were made by the people who deliver care and it met"
    assert found(index, "p.md", page(f"So {eleven} today.\n")) == []
    assert len(found(index, "p.md", page(f"So {eleven} every day.\n"))) == 1


def test_case_punctuation_quotes_hyphens_line_breaks_and_markdown_do_not_hide_a_copy(index):
    text = page("- The **Example Senate** brought together\n  every profession in the [county](https://example.org),\n"
                "so that *decisions* were\u2011made by the\nPeople who\n\n")
    messages = found(index, "p.md", text)
    assert len(messages) == 1 and messages[0].startswith(
        'p.md:4: the run of 19 words "the example senate brought together every profession in the county so that '
        'decisions were made by the people who"')
    smart = page("Its aims were \u201cimproving outcomes for everyone\u201d \u2013 tackling inequalities in "
                 "access & experience.\n")
    assert len(found(index, "p.md", smart)) == 1  # & is "and"; smart quotes and dashes are punctuation


def test_a_blockquote_with_an_attribution_is_a_quotation_and_one_without_is_not(index):
    quoted = page(f"> \"{COPIED}\"\n>\n> \u2014 Example ICS report, page 1\n")
    assert found(index, "p.md", quoted) == []
    assert len(found(index, "p.md", page(f"> \"{COPIED}\"\n"))) == 1


def test_an_inline_quotation_needs_its_attribution_in_brackets(index):
    assert found(index, "p.md", page(f'The senate met "{COPIED}" (Example ICS report, page 1).\n')) == []
    assert len(found(index, "p.md", page(f'The senate met "{COPIED}".\n'))) == 1


def test_a_list_copied_as_a_list_is_marked_by_as_listed_in(index):
    aims = ("improving outcomes for everyone; tackling inequalities in access and experience; enhancing value for "
            "money for the whole system")
    assert found(index, "p.md", page(f"Keep to the 3 aims, as listed in the Example ICS report: {aims}. Then act.\n")) == []
    as_list = "".join(f"- {aim}\n" for aim in aims.split("; "))
    assert found(index, "p.md", page(f"The aims, as listed in the Example ICS report:\n\n{as_list}")) == []
    assert len(found(index, "p.md", page(f"The aims are:\n\n{as_list}"))) == 1
    # the mark covers its own sentence only
    assert len(found(index, "p.md", page(f"As listed in the report: the aims. Also, {aims}.\n"))) == 1


def test_names_and_titles_from_the_data_do_not_count(index):
    frontmatter = 'title: "The Example Senate brought together every profession in the county"\n'
    assert found(index, "p.md", page("The Example Senate brought together every profession in the county.\n",
                                     frontmatter)) == []
    # a name inside a copied run: only the run's other words count
    assert len(found(index, "p.md", page(f"In Example ICS {COPIED}.\n"), names={("every", "month")})) == 1
    assert found(index, "p.md", page(f"In Example ICS {COPIED}.\n"),
                 names={("the", "people", "who", "deliver", "care")}) == []


def test_a_field_the_schema_declares_a_quotation_is_marked(index):
    # A principle's statement is the national guidance's wording, shown as an attributed quotation.
    assert found(index, "framework/principles/principle-9.md", page("Body.\n", f'statement: "{COPIED}"\n')) == []
    assert len(found(index, "framework/principles/principle-9.md", page("Body.\n", f'summary: "{COPIED}"\n'))) == 1


def test_yaml_fields_are_read_with_their_lines_and_a_run_stops_at_the_next_field(index):
    text = ("terms:\n  - term: Senate\n    definition: \"Decisions were made by the people who deliver care, and\n"
            "      it met every month in a different place.\"\n  - term: Other\n"
            "    definition: |\n      Its aims were: improving outcomes for everyone; tackling inequalities\n"
            "      in access.\n")
    messages = found(index, "framework/vocabularies/glossary.yml", text)
    assert [message.split(": the run")[0] for message in messages] == ["framework/vocabularies/glossary.yml:3"]
    split = "first_field: decisions were made by the people who\nsecond_field: deliver care and it met every month\n"
    assert found(index, "x.yml", split) == []


def test_the_published_content_is_in_our_own_words():
    report = check(REPO_ROOT, read_sources(SOURCE_TEXTS, MIN_WORDS), MIN_WORDS)
    assert not report.copies, "\n".join(copy.message() for copy in report.copies)
