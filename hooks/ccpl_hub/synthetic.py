"""A synthetic corpus of any size, for the benchmark and for tests that need many records.

Every name and sentence is obviously made up ("Example case study 17", "Example holder 3"), but the
records are spread over the real vocabularies (ICSs, regions, themes, professions) so the catalogue's
indexes see realistic distributions, and bodies are about as long as the real case studies'.
Output is deterministic for a given size and seed. Nothing here is ever published.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import schemas
from .content_types import CASE_STUDY, FRAMEWORK, PRINCIPLE, ROLE
from .vocabulary import REFERENCE_DIR, VOCABULARY_DIR, Vocabulary, load_vocabulary

# Role listings are reviewed within a year of this date, so a build fixed to it (CCPL_BUILD_DATE)
# prints no review reminders.
BUILD_DATE = date(2026, 11, 30)
_FORUMS = tuple(f"Example forum {n}" for n in range(1, 9))
_SENTENCES = (
    "Example ICS {n} brought its clinical and care professional leaders together in a new example forum.",
    "The example programme ran for {m} months and met every {w} weeks, with notes shared across the system.",
    "Leaders from {m} example professions took part, and each had protected time agreed with their employer.",
    "This is synthetic text for the benchmark; it describes no real system, person or event.",
    "The example steering group reported to the example board and agreed {m} actions for the next year.",
    "Example partner organisations {n} and {w} shared the work, and a survey of {m}0 leaders shaped the plan.",
    "The example team wrote down what worked, what did not, and what it would do differently next time.",
)


@dataclass(frozen=True)
class SyntheticFile:
    """One content file: where it goes under the content root, its frontmatter and body."""

    path: str
    frontmatter: dict
    body: str

    @property
    def title(self) -> str:
        return self.frontmatter["title"]

    def text(self) -> str:
        meta = yaml.safe_dump(self.frontmatter, sort_keys=False, allow_unicode=True, width=1000)
        return f"---\n{meta}---\n{self.body}"


def write_corpus(root: Path, case_studies: int, vocabulary_root: Path, seed: int = 0) -> list[SyntheticFile]:
    """Write a valid corpus under ``root``: the vocabularies of ``vocabulary_root``, principles 1-5,
    one framework, ``case_studies`` case studies and half as many role listings."""
    for folder in (REFERENCE_DIR, VOCABULARY_DIR):
        shutil.copytree(vocabulary_root / folder, root / folder, dirs_exist_ok=True)
    vocabulary, problems = load_vocabulary(root)
    if problems:
        raise ValueError("the vocabularies do not load: " + "; ".join(map(str, problems)))
    files = corpus_files(vocabulary, case_studies, seed)
    for file in files:
        target = root / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(file.text(), encoding="utf-8")
    return files


def corpus_files(vocabulary: Vocabulary, case_studies: int, seed: int = 0) -> list[SyntheticFile]:
    """The corpus's files, not yet written: the same for the same vocabulary, size and seed."""
    rng = random.Random(seed)
    source = str(sorted(vocabulary.sources)[0])  # vocabulary keys are YamlText: plain str dumps
    return [*_principles(case_studies, source), _framework(vocabulary, source),
            *(_case_study(k, vocabulary, source, rng) for k in range(1, case_studies + 1)),
            *(_role(k, vocabulary, source, rng) for k in range(1, case_studies // 2 + 1))]


def _citation(source: str, k: int) -> dict:
    return {"document": source, "section": f"Example section {k}"}


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(_SENTENCES).format(n=rng.randint(1, 99), m=rng.randint(2, 12), w=rng.randint(2, 8))
                    for _ in range(sentences))


def _case_study_body(k: int, rng: random.Random) -> str:
    """About 5 KB in the real case studies' shape: background, approach, what changed, challenges, lessons."""
    parts = ["## Background", "", f"Example case study {k} is synthetic. " + _paragraph(rng, 5), "", _paragraph(rng, 6), "",
             "## Approach", ""]
    for section in range(1, 4):
        parts += [f"### Example step {section}", "", _paragraph(rng, 6), "", _paragraph(rng, 4), ""]
    parts += ["## What changed", "", *(f"- Example outcome {i}: " + _paragraph(rng, 1) for i in range(1, 6)), "",
              "## Challenges", "", *(f"- Example challenge {i}: " + _paragraph(rng, 1) for i in range(1, 5)), "",
              "## Lessons", "", _paragraph(rng, 5), ""]
    return "\n".join(parts)


def _case_study(k: int, vocabulary: Vocabulary, source: str, rng: random.Random) -> SyntheticFile:
    ics = rng.choice(sorted(vocabulary.icss.values(), key=lambda i: i.short_name)) if k % 10 else None
    region = ics.region if ics else rng.choice(sorted(vocabulary.regions))
    principles = sorted(rng.sample(range(1, 6), rng.randint(1, 3)))
    published = date(2025, 1, 1) + timedelta(days=k % 600)
    meta = {"title": f"Example case study {k}",
            "summary": f"Example summary {k}: a synthetic case study that the benchmark generates; it describes no real system.",
            **({"ics": ics.short_name} if ics else {}), "region": region,
            "category": schemas.CATEGORIES[k % len(schemas.CATEGORIES)],
            "principles": principles,
            "principles_inferred": principles[:1] if k % 4 == 0 else [],
            "themes": [str(t) for t in rng.sample(sorted(vocabulary.themes), rng.randint(1, 5))],
            "organisations": [f"Example organisation {o}" for o in rng.sample(range(1, 51), 2)] if k % 3 else [],
            "published": published}
    if k % 5 == 0:
        meta["history"] = [{"date": published + timedelta(days=30), "note": f"Example change {k}."}]
    if k % 7 == 0:
        meta["contact"] = {"email": f"example.contact{k}@example.org"}
    meta["source"] = _citation(source, k)
    return SyntheticFile(f"{CASE_STUDY.folder}/example-case-study-{k}.md", meta, _case_study_body(k, rng))


def _role(k: int, vocabulary: Vocabulary, source: str, rng: random.Random) -> SyntheticFile:
    ics = rng.choice(sorted(vocabulary.icss.values(), key=lambda i: i.short_name)) if k % 8 else None
    region = vocabulary.regions[ics.region if ics else rng.choice(sorted(vocabulary.regions))]
    status = ("filled", "vacant", "unpublished")[k % 3]
    meta = {"title": f"Example role {k}", **({"ics": ics.short_name} if ics else {"region": region.name}),
            "status": status, **({"holder": f"Example holder {k}"} if status == "filled" else {}),
            "profession": str(rng.choice(sorted(vocabulary.professions))),
            "function": rng.choice(schemas.ROLE_FUNCTIONS),
            "decision_forums": rng.sample(_FORUMS, rng.randint(0, 3)),
            "last_reviewed": BUILD_DATE - timedelta(days=k % 300),
            "source": _citation(source, k)}
    body = f"Example role {k} is synthetic. " + _paragraph(rng, 4) + "\n\n" + _paragraph(rng, 3) + "\n"
    area = ics.slug if ics else region.slug
    return SyntheticFile(f"{ROLE.folder}/{area}/example-role-{k}.md", meta, body)


def _principles(case_studies: int, source: str) -> list[SyntheticFile]:
    files = []
    for n in range(1, 6):
        cited = [f"example-case-study-{k}" for k in range(n, case_studies + 1, 5)][:3]
        meta = {"number": n, "title": f"Example principle {n}", "short_title": f"Example principle {n}",
                "statement": f"Example statement of principle {n}, written for the benchmark.",
                "top_tips": [f"Example tip {t} for principle {n}." for t in range(1, 5)],
                "cited_case_studies": cited, "source": _citation(source, n)}
        body = f"## Key themes\n\nExample principle {n} is synthetic. {_SENTENCES[3]}\n"
        files.append(SyntheticFile(f"{PRINCIPLE.folder}/principle-{n}.md", meta, body))
    return files


def _framework(vocabulary: Vocabulary, source: str) -> SyntheticFile:
    """Five priorities, each served by four actions: the shape of the real action plans. Each priority's
    link to its principle is cited, as a source's; each action's is the hub's inference."""
    items = []
    for p in range(1, 6):
        cited = {**_citation(source, p), "principle": p, "lines": str(p),
                 "quote": f"Example words that link priority {p} to principle {p}"}
        items.append({"id": f"priority-{p}", "kind": "priority", "number": str(p), "title": f"Example priority {p}",
                      "description": f"Example priority {p} is synthetic.", "serves": [p], "serves_cited": [cited]})
        for a in range(1, 5):
            items.append({"id": f"action-{p}-{a}", "kind": "action", "number": f"{p}.{a}",
                          "title": f"Example action {p}.{a}", "description": f"Example action {p}.{a} is synthetic.",
                          "serves": [p], "serves_inferred": [p], "parent": f"priority-{p}", "term": schemas.TERMS[a % 3],
                          "owner": f"Example owner {a}"})
    ics = sorted(vocabulary.icss)[0]
    meta = {"title": "Example framework", "short_title": "Example", "ics": ics,
            "summary": "Example framework: synthetic priorities and actions for the benchmark.",
            "source": _citation(source, 1), "items": items}
    return SyntheticFile(f"{FRAMEWORK.folder}/example-framework.md", meta, "Example framework body.\n")
