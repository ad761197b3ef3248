"""The GitHub side of Bro, checked without GitHub: every workflow and issue form parses, zizmor finds nothing,
and the security policy holds for every workflow there is (including ones added later):
no `pull_request_target`, `permissions: {}` at the top and grants per job, every action pinned to a full
commit SHA and every container image to a digest, Python packages installed only from a lock with hashes
(`--require-hashes`), no untrusted `${{ }}` inside `run:`. Also the labels, the labeler and CODEOWNERS, and
Dependabot's configuration: every pin the repository has (actions, pip, npm, the container image) is kept current."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml")) + sorted((GITHUB / "workflows").glob("*.yaml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.y*ml") if p.stem != "config")
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")
IMAGE_PINNED = re.compile(r"^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$")
PIP_INSTALL = re.compile(r"\bpip3?\s+install\b[^\n]*")
LOCKS = ("requirements.txt", "requirements-automation.txt")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")
# Contexts an outsider can influence (or that carry data onward from such contexts): only through env: and files.
UNTRUSTED = re.compile(r"\$\{\{[^}]*\b(github\.event|github\.head_ref|inputs\.|steps\.[^}]*\.outputs|"
                       r"needs\.[^}]*\.outputs)")
FORM_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}
REQUIRED_LABELS = {"form", "lang:da", "lang:sv", "data:suppliers", "data:tenders", "data:buyers", "data:cases",
                   "data:events", "data:glossary", "content", "removal", "upkeep"}


def _load(path: Path) -> dict:
    """A YAML file as data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """A workflow's `on:` (PyYAML reads the bare key `on` as the boolean True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def steps(workflow: dict):
    """Every (job id, step) of a workflow."""
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


def images(job: dict) -> list[str]:
    """The container images a job runs in: its container and its services."""
    found = [job.get("container")] + list((job.get("services") or {}).values())
    return [item.get("image", "") if isinstance(item, dict) else str(item) for item in found if item]


def policy_problems(text: str) -> list[str]:
    """What breaks Bro's workflow policy in one workflow file (empty when nothing does)."""
    workflow = yaml.safe_load(text)
    problems = []
    if "pull_request_target" in triggers(workflow):
        problems.append("uses pull_request_target")
    if workflow.get("permissions") != {}:
        problems.append("top-level permissions is not {}")
    for job_id, job in (workflow.get("jobs") or {}).items():
        if not isinstance(job.get("permissions"), dict):
            problems.append(f"job {job_id} has no permissions of its own")
        for image in images(job):
            if not IMAGE_PINNED.match(image):
                problems.append(f"job {job_id}: image {image} is not pinned to a digest")
        if "uses" in job and not job["uses"].startswith("./") and not PINNED.match(job["uses"]):
            problems.append(f"job {job_id}: {job['uses']} is not pinned to a commit SHA")
    for job_id, step in steps(workflow):
        uses = step.get("uses")
        if uses and not uses.startswith("./") and not uses.startswith("docker://") and not PINNED.match(uses):
            problems.append(f"job {job_id}: {uses} is not pinned to a commit SHA")
        if uses and uses.startswith("docker://") and not IMAGE_PINNED.match(uses.removeprefix("docker://")):
            problems.append(f"job {job_id}: image {uses} is not pinned to a digest")
        for install in PIP_INSTALL.findall(str(step.get("run") or "")):
            if "--require-hashes" not in install or not re.search(rf"-r ({'|'.join(map(re.escape, LOCKS))})\b",
                                                                  install):
                problems.append(f"job {job_id}: '{install}' does not install from a lock with --require-hashes")
        for match in UNTRUSTED.finditer(str(step.get("run") or "")):
            problems.append(f"job {job_id}: run: interpolates {match.group(0)}…; pass it through env:")
        if uses and uses.startswith("actions/checkout@") and (step.get("with") or {}).get(
                "persist-credentials") is not False:
            problems.append(f"job {job_id}: checkout keeps its credentials (set persist-credentials: false)")
        if uses and uses.startswith("actions/checkout@") and "workflow_run" in triggers(workflow) and (
                {"ref", "repository"} & set(step.get("with") or {})):
            problems.append(f"job {job_id}: checks out another ref in a workflow_run workflow")
    for number, line in enumerate(text.splitlines(), 1):
        found = re.search(r"\buses:\s*([^\s#]+)", line)
        if found and "@" in found.group(1) and not VERSION_COMMENT.search(line):
            problems.append(f"line {number}: pinned action without a '# vX.Y.Z' comment")
    return problems


# --- parsing -----------------------------------------------------------------------------------------------------


def test_there_are_workflows_and_forms():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "pr-comment.yml", "deploy.yml", "upkeep.yml"} <= names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses(path):
    workflow = _load(path)
    assert isinstance(workflow, dict) and triggers(workflow) and workflow.get("jobs")
    for job_id, job in workflow["jobs"].items():
        assert job.get("runs-on") or job.get("uses"), job_id
        assert all(isinstance(step, dict) and ("run" in step or "uses" in step) for step in job.get("steps") or [])


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_form_parses(path):
    form = _load(path)
    assert isinstance(form.get("name"), str) and form["name"].strip()
    assert isinstance(form.get("description"), str) and form["description"].strip()
    body = form.get("body")
    assert isinstance(body, list) and body
    ids = [item["id"] for item in body if "id" in item]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    for item in body:
        assert item.get("type") in FORM_TYPES
        attributes = item.get("attributes") or {}
        if item["type"] == "markdown":
            assert attributes.get("value")
        else:
            assert isinstance(attributes.get("label"), str) and attributes["label"].strip()
        if item["type"] in ("dropdown", "checkboxes"):
            assert attributes.get("options")
    assert any(item["type"] != "markdown" for item in body)


def test_issue_template_config_parses():
    path = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
    if path.exists():
        config = _load(path)
        assert isinstance(config.get("blank_issues_enabled", True), bool)
        for link in config.get("contact_links") or []:
            assert link["name"] and link["url"].startswith("https://") and link["about"]


# --- zizmor ------------------------------------------------------------------------------------------------------


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    assert zizmor.exists(), "zizmor is pinned in requirements.txt; run make setup"
    result = subprocess.run([str(zizmor), "--offline", "--format", "json", str(GITHUB)], capture_output=True,
                            text=True, check=False, cwd=ROOT, timeout=300)
    findings = json.loads(result.stdout or "[]")
    assert findings == [], "\n".join(f"{f.get('ident')}: {f.get('desc')} {json.dumps(f.get('locations'))[:300]}"
                                     for f in findings)
    assert result.returncode == 0, result.stderr


# --- policy ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_policy(path):
    assert policy_problems(path.read_text(encoding="utf-8")) == []


def test_policy_check_catches_each_mistake():
    bad = """name: Bad
on: [pull_request_target]
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - run: echo "${{ github.event.issue.title }}" "${{ steps.x.outputs.y }}"
      - run: echo "${{ inputs.name }}" "${{ needs.b.outputs.z }}" "${{ github.head_ref }}"
"""
    problems = policy_problems(bad)
    assert "uses pull_request_target" in problems
    assert "top-level permissions is not {}" in problems
    assert "job a has no permissions of its own" in problems
    assert "job a: actions/checkout@v4 is not pinned to a commit SHA" in problems
    assert "job a: checkout keeps its credentials (set persist-credentials: false)" in problems
    assert "line 9: pinned action without a '# vX.Y.Z' comment" in problems
    assert sum("interpolates" in p for p in problems) == 5
    assert policy_problems(bad.replace("on: [pull_request_target]", "on:\n  workflow_run:\n    workflows: [CI]")
                           .replace("      - uses: actions/checkout@v4\n",
                                    "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
                                    "        with: {persist-credentials: false, ref: evil}\n")).count(
        "job a: checks out another ref in a workflow_run workflow") == 1


def test_policy_check_catches_unpinned_images_and_installs_without_hashes():
    bad = """on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    permissions: {}
    container: python:3.11-bookworm
    services:
      db: {image: "postgres:17@sha256:abc"}
    steps:
      - uses: docker://alpine:3.20
      - run: pip install PyYAML
      - run: python -m pip install --no-deps PyYAML -c requirements.txt
      - run: python -m pip install --require-hashes -r requirements.txt
  b:
    runs-on: ubuntu-24.04
    permissions: {}
    container:
      image: python:3.11-bookworm@sha256:35d3a4a3d5e42e02ab916d44513a050689f12c0533d45598d229672503fe77ca
    steps:
      - run: pip install --require-hashes --no-deps -r requirements-automation.txt
"""
    assert policy_problems(bad) == [
        "job a: image python:3.11-bookworm is not pinned to a digest",
        "job a: image postgres:17@sha256:abc is not pinned to a digest",
        "job a: image docker://alpine:3.20 is not pinned to a digest",
        "job a: 'pip install PyYAML' does not install from a lock with --require-hashes",
        "job a: 'pip install --no-deps PyYAML -c requirements.txt' does not install from a lock with --require-hashes"]


def _locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """A lock file's requirements: normalized name → (version, hashes)."""
    locked: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", path.read_text(encoding="utf-8")):
        if match := re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block):
            locked[_name(match.group(1))] = (match.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return locked


def _name(name: str) -> str:
    """A package name as PyPI compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_locked_package_has_hashes_and_the_lock_holds_every_pin():
    locked = _locked(ROOT / "requirements.txt")
    assert len(locked) > 40
    assert [name for name, (_, hashes) in locked.items() if not hashes] == []
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"^(?!\s*#)[^\s#-][^\n]*[<>~!]=|^-e |^--index-url|^--extra-index-url", text, re.M)
    pinned = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.in").read_text(encoding="utf-8"),
                             re.M))
    assert pinned, "requirements.in pins every direct dependency with =="
    stale = {name: version for name, version in pinned.items() if locked.get(_name(name), ("",))[0] != version}
    assert stale == {}, "requirements.txt is older than requirements.in: run `make lock`"
    assert _locked(ROOT / "requirements-automation.txt") == {"pyyaml": locked["pyyaml"]}


def test_make_setup_installs_only_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"^\t\$\(BIN\)/pip install [^\n]*", makefile, re.M)
    assert installs and all("--require-hashes -r requirements.txt" in line or " -e ." in line for line in installs)
    assert re.search(r"^lock:", makefile, re.M) and "--generate-hashes" in makefile


def test_safe_expressions_are_allowed_in_run():
    ok = """on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    permissions: {}
    steps:
      - env:
          TITLE: ${{ github.event.issue.title }}
        run: echo "$TITLE" "${{ runner.temp }}"
"""
    assert policy_problems(ok) == []


def _job_permissions(name: str) -> dict[str, dict]:
    """Each job's permissions in one workflow."""
    return {job_id: job["permissions"] for job_id, job in _load(GITHUB / "workflows" / name)["jobs"].items()}


def test_least_privilege_per_job():
    assert _job_permissions("ci.yml") == {"test": {"contents": "read"}}
    assert _job_permissions("pr-comment.yml") == {
        "comment": {"contents": "read", "actions": "read", "pull-requests": "write"},
        "label": {"contents": "read", "pull-requests": "write"}}
    assert _job_permissions("deploy.yml") == {"build": {"contents": "read"},
                                              "pages": {"pages": "write", "id-token": "write"},
                                              "offline": {"contents": "write"}}
    assert _job_permissions("upkeep.yml") == {"labels": {"contents": "read", "issues": "write"},
                                              "check": {"contents": "read"},
                                              "track": {"contents": "read", "issues": "write"}}
    assert _job_permissions("ted-import.yml") == {"import": {"contents": "read"},
                                                  "propose": {"contents": "write", "pull-requests": "write"}}


def test_untrusted_code_runs_only_with_a_read_only_token():
    ci = _load(GITHUB / "workflows" / "ci.yml")
    assert set(triggers(ci)) == {"pull_request", "push", "workflow_dispatch"}
    comment = _load(GITHUB / "workflows" / "pr-comment.yml")
    assert set(triggers(comment)) == {"workflow_run"}
    assert triggers(comment)["workflow_run"] == {"workflows": [ci["name"]], "types": ["completed"]}
    for _job_id, step in steps(comment):
        assert "github.event.workflow_run.head" not in json.dumps(step.get("with") or {})


def test_artifact_names_agree():
    ci = json.dumps(_load(GITHUB / "workflows" / "ci.yml"))
    comment = _load(GITHUB / "workflows" / "pr-comment.yml")
    downloaded = [step["with"]["name"] for _job, step in steps(comment)
                  if step.get("uses", "").startswith("actions/download-artifact@")]
    assert downloaded == ["pr-summary"] and '"name": "pr-summary"' in ci
    script = (ROOT / "scripts" / "pr_summary.py").read_text(encoding="utf-8")
    assert 'PREVIEW_ARTIFACT = "preview"' in script and '"name": "preview"' in ci


def test_scripts_and_make_targets_used_by_workflows_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for path in WORKFLOWS:
        for _job_id, step in steps(_load(path)):
            run = str(step.get("run") or "")
            for script in re.findall(r"\b((?:scripts|\.ci)/[\w./-]+)", run):
                assert (ROOT / script).exists(), f"{path.name}: {script}"
            for target in re.findall(r"\bmake ([a-z][\w-]*)", run):
                assert re.search(rf"^{target}:", makefile, re.M), f"{path.name}: make {target}"


# --- Dependabot ------------------------------------------------------------------------------------------------

CONTAINER_DOCKERFILE = GITHUB / "container" / "Dockerfile"
# What each ecosystem keeps current, and the file in its directory that shows the repository uses it.
ECOSYSTEMS = {"github-actions": ".github/workflows", "pip": "requirements.txt", "npm": "package-lock.json",
              "docker": "Dockerfile"}


def _dependabot() -> dict[str, dict]:
    """Dependabot's update entries by ecosystem."""
    config = _load(GITHUB / "dependabot.yml")
    assert config.get("version") == 2
    entries = config["updates"]
    assert len({entry["package-ecosystem"] for entry in entries}) == len(entries), "one entry per ecosystem"
    return {entry["package-ecosystem"]: entry for entry in entries}


def _container_image() -> str:
    """The image and digest of .github/container/Dockerfile, the one Dependabot updates."""
    found = re.findall(r"^FROM\s+(\S+)\s*$", CONTAINER_DOCKERFILE.read_text(encoding="utf-8"), re.M)
    assert len(found) == 1, "one FROM line"
    return found[0]


def test_dependabot_covers_every_kind_of_pin():
    entries = _dependabot()
    assert set(entries) == set(ECOSYSTEMS)
    for ecosystem, entry in entries.items():
        directory = ROOT / entry["directory"].strip("/")
        assert (directory / ECOSYSTEMS[ecosystem]).exists(), (ecosystem, entry["directory"])
    assert {"requirements.in", "requirements-automation.in", "requirements-automation.txt"} <= {
        p.name for p in ROOT.iterdir()}, "pip-compile's inputs sit beside their locks, where Dependabot finds them"
    assert (ROOT / "package.json").is_file()


def test_dependabot_sends_one_grouped_weekly_update_per_ecosystem_after_a_cooldown():
    for ecosystem, entry in _dependabot().items():
        assert entry["schedule"]["interval"] == "weekly", ecosystem
        groups = entry.get("groups") or {}
        assert len(groups) == 1 and next(iter(groups.values())).get("patterns") == ["*"], ecosystem
        assert entry.get("cooldown", {}).get("default-days", 0) >= 7, ecosystem
        assert "insecure-external-code-execution" not in entry, ecosystem
        assert entry.get("open-pull-requests-limit") != 0, ecosystem


def test_dependabot_keeps_python_3_11():
    """The lock is made for Python 3.11 as CI runs it: the image gets new digests of 3.11, never another Python."""
    ignored = _dependabot()["docker"]["ignore"]
    assert {"dependency-name": "python",
            "update-types": ["version-update:semver-major", "version-update:semver-minor"]} in ignored
    assert _container_image().startswith("python:3.11-")


def test_every_job_runs_in_the_image_dependabot_updates():
    """Dependabot does not update `container:` in workflows (dependabot-core#5819), so each job names the image of
    .github/container/Dockerfile, which it does update; after its pull request, copy the digest (CONTRIBUTING.md)."""
    expected = _container_image()
    assert IMAGE_PINNED.match(expected)
    used = {(path.name, job_id, image) for path in WORKFLOWS
            for job_id, job in (_load(path).get("jobs") or {}).items() for image in images(job)}
    assert used, "the jobs run in a container"
    assert {(name, job_id) for name, job_id, image in used if image != expected} == set(), (
        f"every job's container must be {expected} (.github/container/Dockerfile)")


# --- pre-commit -------------------------------------------------------------------------------------------------


def _hooks() -> dict[str, dict]:
    """The hooks of .pre-commit-config.yaml by id."""
    config = _load(ROOT / ".pre-commit-config.yaml")
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "no hook is downloaded: the pinned tools run"
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_the_cheap_part_of_ci_with_the_pinned_tools():
    hooks = _hooks()
    assert set(hooks) == {"ruff", "bro-validate", "eslint"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    linted = re.search(r"^lint:.*\n\t\$\(BIN\)/ruff check ([\w ]+)$", makefile, re.M).group(1).split()
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff check")  # the version requirements.txt locks
    assert re.search(r"^ruff==\S+ \\$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    for folder in linted:
        assert re.search(hooks["ruff"]["files"], f"{folder}/x.py"), folder
    assert hooks["bro-validate"]["entry"] == ".venv/bin/python -m bro.cli --errors-only"
    assert hooks["bro-validate"]["pass_filenames"] is False  # bro.cli takes no file names: it checks the repository
    for path in ("data/suppliers/x.yml", "data/vocabularies/categories.yml", "schemas/supplier.schema.json",
                 "content/da/om.md"):
        assert re.search(hooks["bro-validate"]["files"], path), path
    assert not re.search(hooks["bro-validate"]["files"], "src/bro/cli.py")
    assert hooks["eslint"]["entry"].startswith("npx --no-install eslint")  # node_modules/, from package-lock.json
    assert re.search(hooks["eslint"]["files"], "overrides/assets/bro/directory.js")
    assert re.search(hooks["eslint"]["exclude"], "node_modules/x/index.js")
    assert all(hook["language"] == "unsupported" for hook in hooks.values())


# --- labels, labeler, CODEOWNERS ---------------------------------------------------------------------------------


def _labels() -> list[dict]:
    """The labels of .github/labels.yml."""
    return _load(GITHUB / "labels.yml")["labels"]


def test_labels_are_complete_and_fit_github():
    labels = _labels()
    names = [label["name"] for label in labels]
    assert len(names) == len(set(names))
    assert set(names) >= REQUIRED_LABELS
    for label in labels:
        assert re.fullmatch(r"[0-9a-f]{6}", label["color"]), label["name"]
        da, sv = label["description"]["da"], label["description"]["sv"]
        assert da.strip() and sv.strip() and da != sv
        assert len(f"{da} / {sv}") <= 100, label["name"]


def test_labeler_and_forms_use_known_labels():
    names = {label["name"] for label in _labels()}
    labeler = _load(GITHUB / "labeler.yml")
    assert set(labeler) <= names
    assert {"data:suppliers", "data:tenders", "data:buyers", "data:cases", "data:events", "data:glossary",
            "content"} <= set(labeler)
    for rules in labeler.values():
        for rule in rules:
            for glob in rule["changed-files"]:
                assert set(glob) == {"any-glob-to-any-file"}
    for path in FORMS:
        assert set(_load(path).get("labels") or []) <= names, path.name


def test_codeowners_names_teams_of_the_project():
    owner = re.search(r"github\.com/([^/\"]+)/", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
    rules = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            assert owners and all(re.fullmatch(rf"@{owner}/[a-z-]+", o) for o in owners), line
            rules[pattern] = owners
    assert f"@{owner}/redaktion" in rules["/data/"] and f"@{owner}/redaktion" in rules["/content/"]
    assert {"/schemas/", "/.github/"} <= set(rules)


@pytest.mark.parametrize("script", ["pr_summary.py", "upkeep.py"])
def test_jobs_with_a_write_token_need_only_pyyaml(script):
    probe = (f"import json, sys; sys.path.insert(0, 'scripts'); import {script.removesuffix('.py')}; "
             "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(json.loads(result.stdout))
    assert "yaml" in loaded and "bro" in loaded
    assert not loaded & {"jsonschema", "mkdocs", "markdown", "nh3", "babel", "stdnum", "lunr", "referencing"}
    bro_modules = subprocess.run([sys.executable, "-c", probe.replace("m.split('.')[0] for m in sys.modules",
                                                                      "m for m in sys.modules if m.startswith('bro')")],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
    assert set(json.loads(bro_modules.stdout)) <= {"bro", "bro.escape", "bro.github", "bro.messages", "bro.texts"}


def test_the_ted_pull_request_job_needs_only_the_standard_library():
    """scripts/ted_pr.py (the TED import's job with a write token) loads bro.github and nothing outside the standard
    library: the job installs no package at all."""
    probe = ("import json, sys; sys.path.insert(0, 'scripts'); import ted_pr; "
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('bro') or m.split('.')[0] in "
             "{'yaml', 'jsonschema', 'mkdocs', 'lxml', 'markdown', 'nh3', 'babel'})))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert set(json.loads(result.stdout)) == {"bro", "bro.github"}
    workflow = _load(GITHUB / "workflows" / "ted-import.yml")
    assert not [step for step in workflow["jobs"]["propose"]["steps"] if PIP_INSTALL.search(str(step.get("run") or ""))]


def test_deploy_passes_every_setting_a_deployment_may_give():
    """The deploy job hands each of bro.siteinfo's environment settings on from a repository variable."""
    from bro.siteinfo import ENV_OVERRIDES
    env = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))["jobs"]["build"]["env"]
    for name in ENV_OVERRIDES:
        assert env.get(name) == "${{ vars." + name + " }}", name
