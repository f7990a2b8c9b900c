"""Contributing: the new-case-study script, the issue form and its converter, the templates, the
pre-commit hook and the GitHub workflows.

The scripts run as contributors run them (a subprocess, answers as flags or typed on stdin) against
a synthetic content root (``corpus_root``); what they write is then validated and built.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from ccpl_hub import authoring
from ccpl_hub.build import HubBuild
from ccpl_hub.content_types import CASE_STUDY, CONTENT_TYPES, PRINCIPLE, ROLE
from ccpl_hub.schemas import CATEGORIES
from ccpl_hub.validation import validate_content
from ccpl_hub.vocabulary import load_vocabulary

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_DATE = "2026-02-01"
SAMPLE_ISSUE_BODY = Path(__file__).parent / "data" / "issue-form-body.md"
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
ISSUE_FORM = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def run_script(name: str, *args: str, root: Path, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / name), *args, "--root", str(root)],
                          input=stdin, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CCPL_BUILD_DATE": BUILD_DATE})


def frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def case_study_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / CASE_STUDY.folder).glob("*.md")}


def assert_valid_and_built(root: Path, slug: str, title: str) -> HubBuild:
    """The new case study passes the validator and gets its page, index entries and export."""
    assert validate_content(root).problems == []
    build = HubBuild.from_content(root, today=date.fromisoformat(BUILD_DATE))
    assert build.problems == []
    assert f"# {title}" in build.pages[f"case-studies/{slug}.md"]
    assert title in build.pages["case-studies/index.md"]
    exported = json.loads(build.exports["data/case-studies.json"])["case_studies"]
    assert slug in {item["slug"] for item in exported}
    return build


# --- scripts/new_case_study.py -------------------------------------------------------------------

def test_non_interactive_answers_become_a_valid_case_study_that_builds(corpus_root: Path):
    result = run_script(
        "new_case_study.py", "--non-interactive",
        "--title", "Example case study: a shared clinical forum",
        "--summary", "Example summary, written for the tests.",
        "--ics", "NHS Gloucestershire ICB",  # an alias: written as the ICS's short name
        "--category", "2",
        "--principles", "2, 4",
        "--themes", "primary-care, Leadership development",  # a slug and a label
        "--source", "https://example.org/example-report",
        root=corpus_root)
    assert result.returncode == 0, result.stdout + result.stderr
    path = corpus_root / "case_studies" / "example-case-study-a-shared-clinical-forum.md"
    assert "Wrote case_studies/example-case-study-a-shared-clinical-forum.md." in result.stdout
    assert frontmatter(path) == {
        "title": "Example case study: a shared clinical forum",
        "summary": "Example summary, written for the tests.",
        "ics": "Gloucestershire",
        "region": "South West",
        "category": "Frameworks in design",
        "principles": [2, 4],
        "themes": ["primary-care", "leadership-development"],
        "published": date.fromisoformat(BUILD_DATE),
        "source": "https://example.org/example-report",
    }
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == authoring.CASE_STUDY_TEMPLATE.body
    build = assert_valid_and_built(corpus_root, "example-case-study-a-shared-clinical-forum",
                                   "Example case study: a shared clinical forum")
    assert "example-case-study-a-shared-clinical-forum" in build.pages["ics/gloucestershire.md"]
    assert "example-case-study-a-shared-clinical-forum" in build.pages["themes/leadership-development.md"]


def test_non_interactive_reports_every_bad_answer_and_writes_nothing(corpus_root: Path):
    before = case_study_files(corpus_root)
    result = run_script(
        "new_case_study.py", "--non-interactive",
        "--title", "Example case study: bad answers",
        "--summary", "Example summary with a [link](https://example.org).",
        "--ics", "Glocestershire",
        "--category", "Principles in practise",
        "--principles", "1, 7",
        "--themes", "leadrship-development",
        "--source", "Example citation",
        root=corpus_root)
    assert result.returncode == 1
    out = result.stdout
    assert "--summary: contains a Markdown link or image" in out
    assert "--ics: unknown ICS 'Glocestershire'; did you mean 'Gloucestershire'?" in out
    assert "--category: 'Principles in practise' is not allowed; did you mean 'Principles in practice'?" in out
    assert "--principles: 7 is not a national CCPL principle: use 1, 2, 3, 4 or 5" in out
    assert "--themes: unknown theme 'leadrship-development'; did you mean 'leadership-development'?" in out
    assert "Nothing was written" in out
    assert "Traceback" not in result.stderr
    assert case_study_files(corpus_root) == before


def test_non_interactive_region_must_be_the_region_of_the_ics(corpus_root: Path):
    result = run_script(
        "new_case_study.py", "--non-interactive", "--title", "Example case study: wrong region",
        "--summary", "Example summary.", "--ics", "Gloucestershire", "--region", "London", "--category", "1",
        "--principles", "3", "--source", "Example citation", root=corpus_root)
    assert result.returncode == 1
    assert "--region: 'London' is not the region of Gloucestershire: it is in South West" in result.stdout
    assert not (corpus_root / "case_studies" / "example-case-study-wrong-region.md").exists()


def test_interactive_suggests_the_closest_ics_and_asks_again(corpus_root: Path):
    answers = [
        "Example case study: typed answers",
        "Example summary, typed on standard input for the tests.",
        "Derbyshre",  # a typo: the script suggests the closest ICS and asks again
        "Derby and Derbyshire",
        "3",
        "1 3",
        "",  # no themes
        "Example citation, made up for the tests",
        "",  # accept the suggested file name
    ]
    result = run_script("new_case_study.py", root=corpus_root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unknown ICS 'Derbyshre'; did you mean 'Derby and Derbyshire'?" in result.stdout
    assert result.stdout.count("Integrated care system (ICS)") == 2
    data = frontmatter(corpus_root / "case_studies" / "example-case-study-typed-answers.md")
    assert (data["ics"], data["region"], data["category"], data["principles"]) == (
        "Derby and Derbyshire", "Midlands", "Principles in practice", [1, 3])
    assert "themes" not in data
    assert_valid_and_built(corpus_root, "example-case-study-typed-answers", "Example case study: typed answers")


def test_interactive_regional_case_study_asks_for_the_region(corpus_root: Path):
    answers = ["Example regional case study", "Example summary for a regional case study.", "",
               "Londn", "London", "1", "5", "", "Example citation", "example-regional-case-study"]
    result = run_script("new_case_study.py", root=corpus_root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unknown NHS England region 'Londn'; did you mean 'London'?" in result.stdout
    data = frontmatter(corpus_root / "case_studies" / "example-regional-case-study.md")
    assert "ics" not in data and data["region"] == "London"
    assert validate_content(corpus_root).problems == []


def test_never_overwrites_an_existing_case_study(corpus_root: Path):
    before = case_study_files(corpus_root)
    result = run_script(
        "new_case_study.py", "--non-interactive", "--title", "Example case study: London region",
        "--summary", "Example summary.", "--region", "London", "--category", "1", "--principles", "3",
        "--source", "Example citation", "--slug", "example-case-study-london", root=corpus_root)
    assert result.returncode == 1
    assert ("--slug: case_studies/example-case-study-london.md already exists, and this never replaces a file"
            in result.stdout)
    assert case_study_files(corpus_root) == before


def test_stopping_part_way_writes_nothing(corpus_root: Path):
    before = case_study_files(corpus_root)
    result = run_script("new_case_study.py", root=corpus_root, stdin="Example case study: stopped\n")
    assert result.returncode == 1
    assert "Stopped: nothing was written." in result.stdout
    assert "Traceback" not in result.stderr
    assert case_study_files(corpus_root) == before


# --- the issue form and scripts/issue_to_case_study.py -------------------------------------------

def test_issue_form_body_becomes_a_valid_case_study(corpus_root: Path):
    result = run_script("issue_to_case_study.py", str(SAMPLE_ISSUE_BODY), root=corpus_root)
    assert result.returncode == 0, result.stdout + result.stderr
    path = corpus_root / "case_studies" / "example-case-study-a-shared-clinical-forum.md"
    assert frontmatter(path) == {
        "title": "Example case study: a shared clinical forum",
        # the summary's line break (a textarea) becomes a space: a summary is one line
        "summary": "Example summary, written for the tests: an example system brought its clinical and "
                   "care professional leaders together in one forum.",
        "ics": "Gloucestershire",
        "region": "South West",
        "category": "Principles in practice",
        "principles": [1, 3],
        "themes": ["primary-care", "multi-professional-leadership"],
        "organisations": ["Example Community Trust", "Example GP Federation"],
        "contact": {"email": "example.contact@nhs.net"},
        "published": date.fromisoformat(BUILD_DATE),
        "source": "Example citation, made up for the tests",
    }
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    headings = re.findall(r"^(#+ .+)$", body, re.MULTILINE)
    # unanswered sections (_No response_) are left out; the contributor's own heading stays in its answer
    assert headings == ["## Background", "### Heading typed by the contributor", "## Approach",
                        "## What changed", "## Lessons"]
    assert "- Example outcome 1.\n- Example outcome 2." in body
    assert "_No response_" not in body
    assert_valid_and_built(corpus_root, "example-case-study-a-shared-clinical-forum",
                           "Example case study: a shared clinical forum")


def test_issue_with_bad_answers_writes_nothing_and_names_the_questions(corpus_root: Path, tmp_path: Path):
    body = SAMPLE_ISSUE_BODY.read_text(encoding="utf-8")
    body = body.replace("- [X] Principle 1", "- [ ] Principle 1").replace("- [X] Principle 3", "- [ ] Principle 3")
    body = body.replace("example.contact@nhs.net", "not-an-email")
    body = body.replace("Example approach: the example forum met every month.",
                        '<script src="https://example.org/x.js"></script>')
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    before = case_study_files(corpus_root)
    result = run_script("issue_to_case_study.py", str(issue), root=corpus_root)
    assert result.returncode == 1
    assert "National principles: needs at least 1 entry" in result.stdout
    assert "Contact email (optional): 'not-an-email' is not an email address" in result.stdout
    assert "body: contains a <script> tag" in result.stdout
    assert "Nothing was written" in result.stdout
    assert case_study_files(corpus_root) == before


def test_text_that_is_not_an_issue_form_body_is_a_usage_error(corpus_root: Path, tmp_path: Path):
    issue = tmp_path / "issue.md"
    issue.write_text("Please add our case study, it is attached.\n", encoding="utf-8")
    result = run_script("issue_to_case_study.py", str(issue), root=corpus_root)
    assert result.returncode == 2
    assert "is not the body of a 'New case study' issue" in result.stderr
    assert "Traceback" not in result.stderr


def test_issue_form_offers_what_the_schema_and_reference_data_accept():
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    questions = {element["id"]: element for element in form["body"] if "id" in element}
    vocabulary, problems = load_vocabulary(REPO_ROOT)
    assert problems == []
    assert questions["ics"]["attributes"]["options"] == sorted(vocabulary.icss)
    assert questions["region"]["attributes"]["options"] == sorted(vocabulary.regions)
    assert questions["category"]["attributes"]["options"] == list(CATEGORIES)
    principles = {e.record.number: e.record.short_title for e in validate_content(REPO_ROOT).entries[PRINCIPLE.key]}
    assert [o["label"] for o in questions["principles"]["attributes"]["options"]] == [
        f"Principle {n}: {title}" for n, title in sorted(principles.items())]
    for section in authoring.CASE_STUDY_SECTIONS:
        attributes = questions[section.key]["attributes"]
        assert (attributes["label"], attributes["description"]) == (section.heading, section.guidance)
    fields = set(CASE_STUDY.model.model_fields)
    sections = {s.key for s in authoring.CASE_STUDY_SECTIONS}
    assert set(questions) - fields - sections == {"contact-name", "contact-email", "confirm"}
    required = {name for name, field in CASE_STUDY.model.model_fields.items() if field.is_required()}
    assert required - set(questions) == {"published"}  # the script sets the date


# --- the templates --------------------------------------------------------------------------------

@pytest.mark.parametrize("template", authoring.TEMPLATES, ids=lambda t: t.path)
def test_committed_template_is_the_one_generated_from_the_schema(template: authoring.Template):
    committed = (REPO_ROOT / template.path).read_text(encoding="utf-8")
    assert committed == authoring.render_template(template), (
        f"{template.path} differs from the schema: run `python scripts/new_case_study.py --write-templates`")


@pytest.mark.parametrize("template", authoring.TEMPLATES, ids=lambda t: t.path)
def test_template_lists_every_field_and_an_unfilled_copy_fails_at_each_required_one(
        template: authoring.Template, corpus_root: Path):
    text = authoring.render_template(template)
    keys = re.findall(r"^([a-z_]+):", text.split("---\n")[1], re.MULTILINE)
    fields = list(template.content_type.model.model_fields)
    assert keys == [f for f in fields if f not in template.later_fields] + list(template.later_fields)
    # the template is not content, so the validator skips it where it lives
    folder = corpus_root / template.content_type.folder
    (folder / "_template.md").write_text(text, encoding="utf-8")
    assert validate_content(corpus_root).problems == []
    # a copy saved as content without filling it in never passes: every required field is reported
    copy = folder / ("gloucestershire" if template.content_type is ROLE else "") / "example-unfilled.md"
    copy.write_text(text, encoding="utf-8")
    problems = validate_content(corpus_root, [copy]).problems
    lines = {key: n for n, key in enumerate((line.split(":")[0] for line in text.split("\n")), 1)}
    required = {name for name, field in template.content_type.model.model_fields.items() if field.is_required()}
    assert required <= {p.field for p in problems}
    assert all(p.line == lines[p.field] for p in problems), problems


# --- pre-commit -----------------------------------------------------------------------------------

def _hooks() -> dict[str, dict]:
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_hooks_select_the_content_files_and_the_vocabularies():
    hooks = _hooks()
    changed, everything = hooks["validate-changed-content"], hooks["validate-all-content"]
    candidates = {p.relative_to(REPO_ROOT).as_posix() for folder in ("case_studies", "framework")
                  for p in (REPO_ROOT / folder).rglob("*") if p.is_file()}
    candidates |= {"case_studies/README.md", "framework/roles/gloucestershire/_draft.md",
                   "framework/roles/README.md", "case_studies/notes/example.md"}
    selected = {p for p in candidates
                if re.search(changed["files"], p) and not re.search(changed["exclude"], p)}
    content = {p.relative_to(REPO_ROOT).as_posix() for t in CONTENT_TYPES for p in t.files(REPO_ROOT)}
    assert selected == content
    assert {p for p in candidates if re.search(everything["files"], p)} == {
        p for p in candidates if p.startswith(("framework/reference/", "framework/vocabularies/"))}
    assert everything["pass_filenames"] is False


def test_pre_commit_hook_command_validates_the_files_it_is_given():
    entry = _hooks()["validate-changed-content"]["entry"]
    path = next(p for p in CASE_STUDY.files(REPO_ROOT)).relative_to(REPO_ROOT).as_posix()
    result = subprocess.run(["bash", "-c", f"{entry} {path}"], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All content is valid (1 file checked)." in result.stdout


# --- GitHub workflows -----------------------------------------------------------------------------

def _workflow(name: str) -> dict:
    # BaseLoader keeps every scalar as text, so the key 'on' stays 'on' (YAML 1.1 would make it True)
    return yaml.load((WORKFLOWS / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _lint(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_workflows_and_issue_forms_pass_githubs_schemas_offline(tmp_path: Path):
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert [p.name for p in workflows] == ["check.yml", "preview-comment.yml", "publish-case-study.yml", "publish.yml"]
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = _lint(schema, *workflows)
        assert result.returncode == 0, result.stdout + result.stderr
    result = _lint("vendor.github-issue-forms", ISSUE_FORM)
    assert result.returncode == 0, result.stdout + result.stderr
    # the linter does lint: a job without runs-on fails
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "check.yml").read_text(encoding="utf-8").replace("    runs-on: ubuntu-24.04\n", ""))
    assert _lint("vendor.github-workflows", broken).returncode == 1


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        parsed = json.dumps(_workflow(path.name))  # without the comments, which may name what is avoided
        assert "pull_request_target" not in parsed and "secrets." not in parsed
        uses = re.findall(r"^\s*(?:- )?uses: (.+)$", text, re.MULTILINE)
        assert uses or path.name == "preview-comment.yml", path  # that one runs no action at all
        for line in uses:
            match = re.fullmatch(r"([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)", line)
            assert match, f"{path.name}: '{line}' is not pinned to a full commit SHA with its version"
            pins.setdefault(match.group(1), set()).add(match.group(2))
    assert all(len(shas) == 1 for shas in pins.values()), pins  # one version of each action everywhere
    assert set(pins) == {"actions/checkout", "actions/setup-python", "actions/upload-artifact",
                         "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}


def test_check_workflow_validates_tests_and_uploads_the_site_read_only():
    workflow = _workflow("check.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert "permissions" not in job
    runs = [step.get("run", "") for step in job["steps"]]
    assert runs.index('make validate VALIDATE_ARGS="--format github"') < runs.index("make test") < runs.index("make site")
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert job["steps"].index(upload) > runs.index("make preview") > runs.index("make site")
    assert upload["with"]["path"] == "preview/"
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] == "false"


def test_publish_workflow_builds_strictly_then_deploys_with_the_least_permissions():
    workflow = _workflow("publish.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": ""}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] == "false"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    steps = {step.get("uses", step.get("run", "")).split("@")[0]: step for step in build["steps"]}
    pages_id = steps["actions/configure-pages"]["id"]
    assert steps["make site"]["env"] == {"SITE_URL": f"${{{{ steps.{pages_id}.outputs.base_url }}}}",
                                         "REPO_URL": "${{ github.server_url }}/${{ github.repository }}"}
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    order = list(steps)
    assert order.index("actions/configure-pages") < order.index("make site") < order.index("actions/upload-pages-artifact")
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    # mkdocs.yml takes the published address from SITE_URL
    assert "site_url: !ENV [SITE_URL," in (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# The only jobs that may write, and what: deploying Pages, turning a labelled issue into a pull
# request, and commenting how to open a pull request's preview.
WRITERS = {("publish.yml", "deploy"): {"pages", "id-token"},
           ("publish-case-study.yml", "publish"): {"contents", "pull-requests", "issues"},
           ("preview-comment.yml", "comment"): {"pull-requests"}}


def test_no_workflow_gives_write_access_outside_the_jobs_that_need_it():
    for path in WORKFLOWS.glob("*.yml"):
        workflow = _workflow(path.name)
        scopes = [("workflow", workflow.get("permissions") or {})]
        scopes += [(name, job.get("permissions") or {}) for name, job in workflow["jobs"].items()]
        for where, permissions in scopes:
            writes = {k for k, v in permissions.items() if v == "write"}
            assert writes <= WRITERS.get((path.name, where), set()), (path.name, where, writes)



# --- upkeep: Dependabot and code owners ---------------------------------------------------------

def test_dependabot_updates_pip_npm_and_actions_weekly_in_groups():
    path = REPO_ROOT / ".github" / "dependabot.yml"
    result = _lint("vendor.dependabot", path)
    assert result.returncode == 0, result.stdout + result.stderr
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pip", "npm", "github-actions"}
    for update in updates:
        assert update["schedule"]["interval"] == "weekly"
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]]


def test_code_owners_cover_the_content_and_the_workflows():
    rules = [line.split() for line in (REPO_ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owned = {pattern: owners for pattern, *owners in rules}
    for path in ("/case_studies/", "/framework/", "/.github/", "*"):
        assert owned[path] and all(owner.startswith("@") for owner in owned[path]), path


# --- the issue form to a pull request: .github/workflows/publish-case-study.yml -------------------

LABELLED = Path(__file__).parent / "data" / "issue-labeled-event.json"
LABELLED_INVALID = Path(__file__).parent / "data" / "issue-labeled-event-invalid.json"


def publish(event: Path, root: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """scripts/publish_case_study.py as the workflow runs it, with the step outputs it writes."""
    outputs = tmp_path / "github-output"
    result = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "publish_case_study.py"), str(event),
                             "--output", str(tmp_path / "publish"), "--root", str(root)],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "CCPL_BUILD_DATE": BUILD_DATE, "GITHUB_OUTPUT": str(outputs)})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    return result, written


def test_a_labelled_form_issue_becomes_a_valid_case_study_and_a_pull_request_that_closes_it(
        corpus_root: Path, tmp_path: Path):
    _, outputs = publish(LABELLED, corpus_root, tmp_path)
    slug = "example-case-study-a-shared-clinical-forum"
    assert outputs == {"outcome": "pull-request", "branch": "case-study/issue-41",
                       "path": f"case_studies/{slug}.md",
                       "title": "Add case study: Example case study: a shared clinical forum"}
    assert_valid_and_built(corpus_root, slug, "Example case study: a shared clinical forum")
    description = (tmp_path / "publish" / "pull-request.md").read_text(encoding="utf-8")
    assert "Closes #41" in description.splitlines()
    assert f"(`case_studies/{slug}.md`), from the answers in issue #41." in description
    assert not (tmp_path / "publish" / "comment.md").exists()


def test_a_labelled_issue_with_bad_answers_gets_a_comment_per_question_and_nothing_is_written(
        corpus_root: Path, tmp_path: Path):
    before = case_study_files(corpus_root)
    _, outputs = publish(LABELLED_INVALID, corpus_root, tmp_path)
    assert outputs == {"outcome": "comment"}
    assert case_study_files(corpus_root) == before
    comment = (tmp_path / "publish" / "comment.md").read_text(encoding="utf-8")
    sections = dict(part.split("**\n", 1) for part in comment.split("\n**")[1:])
    assert sections["Integrated care system (ICS)"].startswith(
        "- unknown ICS 'Glocestershire'; did you mean 'Gloucestershire'?")
    assert sections["National principles"].startswith("- needs at least 1 entry")
    assert sections["Contact email (optional)"].startswith("- 'not-an-email' is not an email address")
    assert sections["The text of your answers (Background to Next steps)"].startswith(
        "- contains a &lt;script> tag")  # shown as text in GitHub's Markdown, not dropped as a tag
    assert "**Edit**" in comment and not (tmp_path / "publish" / "pull-request.md").exists()


def test_other_labels_and_pull_requests_are_left_alone(corpus_root: Path, tmp_path: Path):
    event = json.loads(LABELLED.read_text(encoding="utf-8"))
    for changed_event in ({**event, "label": {"name": "case study"}},
                          {**event, "issue": {**event["issue"], "pull_request": {"url": "https://example.org"}}},
                          {**event, "action": "unlabeled"}):
        path = tmp_path / "event.json"
        path.write_text(json.dumps(changed_event), encoding="utf-8")
        _, outputs = publish(path, corpus_root, tmp_path)
        assert outputs == {"outcome": "skip"}


def test_publish_case_study_workflow_has_least_privilege_and_never_puts_issue_text_in_a_command():
    text = (WORKFLOWS / "publish-case-study.yml").read_text(encoding="utf-8")
    workflow = _workflow("publish-case-study.yml")
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "github.event.label.name == 'publish-case-study'" in job["if"] and "pull_request" in job["if"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert not any("${{" in run for run in runs)  # every value reaches a command through env
    assert 'python scripts/publish_case_study.py "$GITHUB_EVENT_PATH"' in runs[1]
    values = [value for step in job["steps"] for value in (step.get("env") or {}).values()]
    assert not any(re.search(r"github\.event\.issue\.(body|title)|head_ref|github\.event\.comment", v) for v in values)
    assert "github.event.issue.body" not in text and "github.event.issue.title" not in text
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert "ref" not in (checkout.get("with") or {})  # the default branch's own code, never the issue's
