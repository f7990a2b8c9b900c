"""The first use of each glossary abbreviation on a page links to its entry; later uses do not."""

from ccpl_hub.glossary import Abbreviations, link_first_uses
from ccpl_hub.vocabulary import GlossaryTerm

TERMS = [GlossaryTerm("Integrated care system", "A partnership.", "ICS"),
         GlossaryTerm("General practitioner", "A family doctor.", "GP")]
ICS = '<abbr title="Integrated care system">ICS</abbr>'
GP = '<abbr title="General practitioner">GP</abbr>'


def test_first_use_of_each_abbreviation_becomes_a_link_to_its_entry():
    html = f"<p>The {ICS} and its {GP}s.</p><p>Another {ICS}.</p>"
    result = link_first_uses(html, "../glossary/", TERMS)
    assert result == (f'<p>The <a class="ccpl-glossary-link" href="../glossary/#ics">{ICS}</a> and its '
                      f'<a class="ccpl-glossary-link" href="../glossary/#gp">{GP}</a>s.</p><p>Another {ICS}.</p>')


def test_abbreviations_in_headings_links_and_code_are_left_alone_and_the_next_use_is_linked():
    html = f'<h2>About the {ICS}</h2><p><a href="x">{ICS}</a> <code>{ICS}</code> then {ICS}</p>'
    result = link_first_uses(html, "g/", TERMS)
    assert result.count("ccpl-glossary-link") == 1
    assert result.endswith(f'then <a class="ccpl-glossary-link" href="g/#ics">{ICS}</a></p>')


def test_unknown_abbreviations_are_not_linked():
    html = '<p><abbr title="Something else">XYZ</abbr></p>'
    assert link_first_uses(html, "g/", TERMS) == html


def test_engine_written_html_gets_the_abbreviations_the_abbr_extension_would_give():
    """Generated chrome is HTML, which the abbr extension never sees: ``Abbreviations`` marks it the same
    way (whole words, escaped text), leaving code, email addresses, tags' attributes and Markdown
    heading lines alone."""
    titles = {"ICS": "Integrated care system", "C&CP": "Clinical & care <professional>"}
    page = ('# An ICS title\n\n<p title="ICS">ICS and ICSs, C&amp;CP, <code>ICS</code>, '
            '<a href="mailto:x@ICS.org">x@ICS.org</a> and <a href="../ics/">the ICS</a></p>')
    assert Abbreviations(titles).mark(page) == (
        '# An ICS title\n\n<p title="ICS"><abbr title="Integrated care system">ICS</abbr> and ICSs, '
        '<abbr title="Clinical &amp; care &lt;professional&gt;">C&amp;CP</abbr>, <code>ICS</code>, '
        '<a href="mailto:x@ICS.org">x@ICS.org</a> and <a href="../ics/">the <abbr title="Integrated care system">ICS</abbr></a></p>')
