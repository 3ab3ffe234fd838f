"""Drafted and user-supplied text stays text in every Markdown output, read as GitHub-flavoured
Markdown (issue 16): no rule, entity, link, e-mail link, emoji, emphasis, code or HTML made
from a treaty's words, and file names in code spans that a backtick cannot end. pandoc
(``-f gfm``, which has GitHub's autolinks and emoji) is the judge; hypothesis writes the texts."""

from __future__ import annotations

import html
import subprocess
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clausekit.diff import diff
from clausekit.language.parser import loads
from clausekit.render import render
from clausekit.render.diff import render_diff
from clausekit.render.templates import markdown_code, markdown_escape
from render_clients import need

HOSTILE = [
    "---", "***", "___", "===", "- - -", "&amp;", "&copy;", "&#x41;", "&#65;", "&nbsp;", "https://evil.example/x",
    "http://a.b", "www.example.org", "ftp://x.y", "mailto:a@b.org", "drafter@example.org", ":warning:", ":+1:",
    "@user", "#123", "GH-12", "`code`", "``", "*em*", "_em_", "**strong**", "~~gone~~", "[link](http://x.y)",
    "![img](x.png)", "<b>bold</b>", "<!-- c -->", "|", "a | b", "\\", "\\*", "1.", "2)", "-", "+", "#", "##", "> quote",
    "<https://x.y>", "[^1]", "[x]: http://y.z", "Article", "5", "shall", "Ukraine", "—", "«", "»", "(i)",
]  # fmt: skip
texts = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", ""]), min_size=len(parts), max_size=len(parts)).map(
        lambda gaps: "".join(p + g for p, g in zip(parts, gaps, strict=True)).strip()
    )
)
MARKUP = ("<a ", "<hr", "<em", "<strong", "<code", "<del", "<img", "<span", "<h1", "<h2", "<li", "<blockquote",
          "<table", "<b>", "<sup", "<section", "<pre")  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def gfm(markdown: str) -> str:
    done = subprocess.run([need("pandoc"), "-f", "gfm", "-t", "html", "--wrap=none"], input=markdown,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout


def words_of(page: str) -> str:
    reader = _Text()
    reader.feed(page)
    return " ".join("".join(reader.parts).split())


@pytest.mark.clients
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("--- --- ___www.example.org")  # GFM links "www." after an underscore too
def test_escaped_text_reads_back_as_the_same_text(text: str) -> None:
    page = gfm(markdown_escape(text) + "\n")
    assert not any(tag in page for tag in MARKUP), page
    assert words_of(page) == " ".join(text.split()), page


@pytest.mark.clients
@given(texts)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_code_span_holds_any_name(text: str) -> None:
    page = gfm("file " + markdown_code(text) + " here\n")
    assert page.count("<code>") == 1 and "<a " not in page, page
    code = page.split("<code>")[1].split("</code>")[0]
    assert html.unescape(code) == text.replace("\n", "␊")


DRAFT = """draft d "{title}" {{
  proposer: US
}}

parties {{
  US "the United States"
}}

clause a 1 {{
  {text}
}}
"""


@pytest.mark.clients
def test_render_and_diff_markdown_keep_drafted_text_and_file_names_as_text(tmp_path) -> None:
    text = "--- &amp; &copy; see https://evil.example and drafter@example.org :warning: @user #123 www.x.org"
    old = loads(DRAFT.format(title="Plan &amp; :warning:", text="@US shall withdraw."), "a`<b>x</b>`.clause")
    new = loads(DRAFT.format(title="Plan &amp; :warning:", text=text.replace("---", "Then ---")), "new.clause")
    for markdown in (render(new, "markdown"), render_diff(diff(old, new), "markdown")):
        page = gfm(markdown)
        assert (
            "<hr" not in page
            and '<a href="http' not in page
            and "mailto:" not in page
            and 'class="emoji"' not in page
            and "<b>" not in page
        ), page
        assert "&amp;amp;" in page and "&amp;copy;" in page and ":warning:" in page
    diff_page = gfm(render_diff(diff(old, new), "markdown"))
    assert "<code>a`&lt;b&gt;x&lt;/b&gt;`.clause</code>" in diff_page


def test_every_html_output_carries_the_same_content_security_policy() -> None:
    from clausekit.compare import compare
    from clausekit.render.compare import render_comparison

    policy = (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )
    old = loads(DRAFT.format(title="Plan", text="@US shall withdraw."), "old.clause")
    new = loads(DRAFT.format(title="Plan", text="@US may withdraw."), "new.clause")
    pages = {
        "render": render(old, "html"),
        "diff": render_diff(diff(old, new), "html"),
        "compare": render_comparison(compare([old, new]), "html"),
    }
    for name, page in pages.items():
        assert policy in str(page), name


@pytest.mark.clients
def test_the_amendment_list_in_markdown_keeps_drafted_text_as_text() -> None:
    from clausekit.amend import amend
    from clausekit.render.amend import render_amendments

    hostile = "--- &amp; &copy; see https://evil.example, ___www.x.org, :fire: ~~s~~ </i> `tick` @user #123"
    old = loads(DRAFT.format(title="Plan &amp; :warning:", text="@US shall withdraw."), "old.clause")
    new = loads(DRAFT.format(title="Plan &amp; :warning:", text=f"@US shall withdraw {hostile}."), "new.clause")
    page = gfm(render_amendments(amend(old, new), "markdown", old=old))
    assert not any(tag in page for tag in MARKUP if tag not in ("<strong", "<h1")), page  # its own heading, bold number
    assert 'class="emoji"' not in page and "&amp;amp;" in page and "&lt;/i&gt;" in page


def test_profile_and_amendment_html_carry_a_content_security_policy() -> None:
    from clausekit.amend import amend
    from clausekit.analysis.profile import draft_profiles
    from clausekit.render.amend import render_amendments
    from clausekit.render.profile import render_profiles

    old = loads(DRAFT.format(title="Plan", text="@US shall withdraw."), "old.clause")
    new = loads(DRAFT.format(title="Plan", text="@US may withdraw."), "new.clause")
    pages = {
        "amend": render_amendments(amend(old, new), "html", old=old),
        "profile": render_profiles(draft_profiles(old), "html"),
    }
    for name, page in pages.items():
        assert "Content-Security-Policy\" content=\"default-src 'none'" in str(page), name
