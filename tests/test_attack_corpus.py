"""The attack corpus (tests/fixtures/attacks/cases.yaml): every entry point fed bad input, as an attacker and a
careless user would, must answer with the expected outcome — accepted, or refused with a located, translated
problem — and never with an exception, a hang (over 10 s) or a memory blow-up (over 1 GB), and without changing the
repository's data/ folder.

The cases run in one worker subprocess (see ``serve``) under an address-space limit of its warmed-up size plus
1 GiB, a 10 s CPU timer and a 30 s wall-clock guard per case; a case that kills or hangs the worker is recorded as
such and the worker is restarted for the next case. Each case works on its own copy of data/ and its own database.
The parent then checks each case's record against its expected outcome: one pytest test per case, so every defect
is reported by name.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA_DIR, REPO
from tests.fixtures.attacks.generate import data_path, layout_spellings

CORPUS = REPO / "tests" / "fixtures" / "attacks"
CASES: list[dict] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
# The "no hang: nothing over 10 s", counted in CPU seconds of the worker (all its threads): what a case
# costs the server, the same on an idle machine and on this one, shared by several test runs. A case that waits
# instead of working (a FIFO, a lock) is caught by the wall-clock guard.
CASE_SECONDS = 10
HANG_SECONDS = 30
CASE_BYTES = 1024 ** 3  # the "no blow-up": nothing over 1 GB
WORKER_GRACE_SECONDS = 20  # past the wall-clock guard: the worker is stuck in C code and is killed
RESULT_MARK = "@@attack-result "
EVIL_HOST = "evil.example"


# ── inputs ─────────────────────────────────────────────────────────────────────────────────────────────────

def case_input(case: dict, context) -> bytes | str:
    """The input of a case as it reaches the entry point: bytes, or str for pasted text."""
    if "generate" in case:
        from tests.fixtures.attacks.generate import GENERATED

        made = GENERATED[case["generate"]](context)
    elif "base" in case:
        made = context.text(case["base"])
        for old, new, *optional in case.get("replace", []):
            spelt = next((variant for variant in layout_spellings(old) if variant in made), None)
            if spelt is None and optional == ["if present"]:  # a line only one data layout has
                continue
            assert spelt is not None, f"{case['id']}: {old!r} is not in {case['base']}"
            made = made.replace(spelt, layout_spellings(new)[layout_spellings(old).index(spelt)], 1)
    else:
        made = case.get("text", "")
    if case["entry"] == "pasted":
        return made if isinstance(made, str) else made.decode("utf-8", errors="replace")
    return made.encode("utf-8", errors="surrogatepass") if isinstance(made, str) else made


def expected_line(case: dict, content: bytes | str) -> int | None:
    """The line a problem is expected on: given, or where the text ``at`` first occurs in the input."""
    expect = case["expect"]
    if not isinstance(expect, dict):
        return None
    if "line" in expect:
        return expect["line"]
    if "at" not in expect:
        return None
    text = content if isinstance(content, str) else content.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    position = next((found for variant in layout_spellings(expect["at"]) if (found := text.find(variant)) >= 0), -1)
    assert position >= 0, f"{case['id']}: {expect['at']!r} is not in the input"
    return text.count("\n", 0, position) + 1


# ── the worker: runs cases under limits and reports one JSON line per case ────────────────────────────────────

class CaseTimeout(BaseException):
    """Raised by the per-case timer; a BaseException so that no `except Exception` of the product swallows it."""


def _on_timer(signum, frame):
    raise CaseTimeout("over its CPU time" if signum == signal.SIGPROF else "over its wall-clock time (a hang)")


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_peak_memory() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM, the peak resident size
    except OSError:
        pass


def _problem_records(problems) -> list[dict]:
    return [{"code": p.code, "file": p.file, "line": p.line, "field": p.field, "message": p.message[:300],
             "params": {k: str(v)[:200] for k, v in p.params.items()}} for p in problems]


def _fresh_data(folder: Path) -> Path:
    """A private copy of data/ for one case. The province index (optional in a data folder) is left out: no case
    attacks it, its own tests do, and checking it costs half a second per validation — a minute over the corpus."""
    data = folder / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history", "province_index"))
    return data


def _run_data(case: dict, content: bytes | None, folder: Path) -> dict:
    from loaders import ValidationFailed, build_database
    from loaders.validate import load_dataset
    from tests.fixtures.attacks.generate import FOLDER_SETUPS

    data = _fresh_data(folder)
    if case["entry"] == "data_folder":
        FOLDER_SETUPS[case["setup"]](data)
    else:
        data_path(data, case["path"]).write_bytes(content)
    started = time.perf_counter()
    try:
        load_dataset(data)
    except ValidationFailed as failure:
        return {"outcome": "refused", "problems": _problem_records(failure.problems), "started": started}
    build_database(data, folder / "cds.duckdb")  # what validates must build (issue 12, item 1)
    return {"outcome": "accepted", "started": started}


def _run_upload(case: dict, content: bytes, folder: Path) -> dict:
    from loaders import ValidationFailed
    from store.review import review
    from store.save import save
    from loaders.upload import read_upload

    data = _fresh_data(folder)
    started = time.perf_counter()
    submission = read_upload(content, case["filename"], data, case.get("district"))
    reviewed = review(data, submission)
    if not reviewed.ok:
        return {"outcome": "refused", "problems": _problem_records(reviewed.problems), "started": started}
    try:
        save(data, folder / "cds.duckdb", reviewed, "attack corpus")  # accepted means it saves and builds
    except ValidationFailed as failure:  # documented for save, but the review said ok: the uploader was misled
        return {"outcome": "refused", "stage": "save", "problems": _problem_records(failure.problems),
                "started": started}
    return {"outcome": "accepted", "started": started}


def _run_reader(case: dict, content: bytes | str, folder: Path) -> dict:
    from reader import DocumentError, propose, read_document

    started = time.perf_counter()
    try:
        if case["entry"] == "pasted":
            text = read_document(content)
        else:
            text = read_document(content, filename=case["filename"])
    except DocumentError as error:
        return {"outcome": "refused", "started": started,
                "problems": [{"code": error.code, "file": case.get("filename", "pasted"), "line": 1,
                              "field": "document", "message": str(error)[:300], "params": dict(error.params)}]}
    candidates = propose(text)
    forbidden = case.get("not_in_text")
    leaked = bool(forbidden) and (forbidden in text or any(forbidden in c.quote for c in candidates))
    return {"outcome": "accepted", "started": started, "candidates": len(candidates), "leaked": leaked}


def _link_query(case: dict) -> dict[str, str]:
    repeat = case.get("repeat_value", 1)
    return {key: str(value) * repeat for key, value in case["query"].items()}


def _run_link(case: dict, content, folder: Path) -> dict:
    from streamlit.testing.v1 import AppTest

    script = REPO / ("app.py" if case["page"] == "app" else f"app_pages/{case['page']}.py")
    started = time.perf_counter()
    at = AppTest.from_file(str(script), default_timeout=30)
    for key, value in _link_query(case).items():
        at.query_params[key] = value
    at.run()
    if at.exception:
        return {"outcome": "crash", "started": started, "error": _page_errors(at)}
    shown = [{"kind": kind, "body": str(element.value)}
             for kind in ("title", "header", "subheader", "caption", "markdown", "warning", "info", "error", "success")
             for element in getattr(at, kind)]
    return {"outcome": "accepted", "started": started, "shown": shown}


def _run_probe(case: dict, content, folder: Path) -> dict:
    """What the harness must catch, so that its limits are known to work: a blow-up, a busy loop and a wait (run
    with limits of one second, the same timers as the cases')."""
    started = time.perf_counter()
    if case["probe"] == "memory":
        bytearray(2 * CASE_BYTES)
    elif case["probe"] == "busy":
        while True:
            sum(range(10_000))
    else:
        time.sleep(HANG_SECONDS)
    return {"outcome": "accepted", "started": started}


SECRET = "TOPSECRET-attack-corpus"  # in a YAML file beside the data folder: no page may ever show it


def _run_reader_form(case: dict, content, folder: Path) -> dict:
    """The Report reader page's own form (issue 12, item 2: its district id once named any *.yaml on the server):
    a report pasted, its figures accepted as proposed, then the new district's fields typed in."""
    from streamlit.testing.v1 import AppTest

    started = time.perf_counter()
    at = AppTest.from_file(str(REPO / "app_pages" / "report_reader.py"), default_timeout=30)
    at.run()
    at.text_area(key="reader_text").set_value(case["report"]).run()
    for key, value in case["form"].items():
        if at.exception:
            break
        if key not in {widget.key for widget in at.text_input}:
            return {"outcome": "form_not_reached", "started": started, "error": f"no field {key} on the page"}
        at.text_input(key=key).set_value(value).run()
    if at.exception:
        return {"outcome": "crash", "started": started, "error": _page_errors(at)}
    shown = [{"kind": kind, "body": str(element.value)}
             for kind in ("title", "header", "subheader", "caption", "markdown", "warning", "info", "error", "success")
             for element in getattr(at, kind)]
    return {"outcome": "accepted", "started": started, "shown": shown}


def _page_errors(at) -> str:
    """The page's exceptions with the end of their stack (the message itself is redacted when error details are off)."""
    return "; ".join(" | ".join([str(e.value)[:200], *map(str, (getattr(e, "stack_trace", None) or [])[-3:])])[:1200]
                     for e in at.exception)


RUNNERS = {"data_file": _run_data, "data_folder": _run_data, "upload": _run_upload, "document": _run_reader,
           "pasted": _run_reader, "link": _run_link, "reader_form": _run_reader_form}
PROBES = [{"id": "probe-memory", "entry": "probe", "probe": "memory"},
          {"id": "probe-busy", "entry": "probe", "probe": "busy", "cpu_seconds": 1},
          {"id": "probe-hang", "entry": "probe", "probe": "hang", "wall_seconds": 1}]


def run_case(case: dict, folder: Path, context) -> dict:
    try:
        built_elsewhere = case["entry"] in ("data_folder", "link", "reader_form", "probe")
        content = None if built_elsewhere else case_input(case, context)
    except Exception as error:  # noqa: BLE001 - the corpus's own fault, told apart from the product's
        return {"outcome": "input_not_built", "error": "".join(traceback.format_exception(error))[-2000:]}
    _reset_peak_memory()
    signal.setitimer(signal.ITIMER_PROF, case.get("cpu_seconds", CASE_SECONDS))
    signal.setitimer(signal.ITIMER_REAL, case.get("wall_seconds", HANG_SECONDS))
    begun, cpu_begun = time.perf_counter(), time.process_time()
    try:
        result = {**RUNNERS, "probe": _run_probe}[case["entry"]](case, content, folder)
    except CaseTimeout as timeout:
        result = {"outcome": "timeout", "error": str(timeout)}
    except MemoryError:
        result = {"outcome": "memory", "error": f"MemoryError under the {CASE_BYTES >> 30} GiB limit"}
    except BaseException as error:  # noqa: BLE001 - every other exception is the defect this test looks for
        result = {"outcome": "crash", "error": "".join(traceback.format_exception(error))[-3000:]}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
    result["cpu_seconds"] = time.process_time() - cpu_begun
    result["seconds"] = time.perf_counter() - result.pop("started", begun)
    result["peak_bytes"] = _status("VmHWM")
    return result


def _warm_up(folder: Path) -> None:
    """Import and exercise everything once, so the limit is measured on a process that already holds it all."""
    from loaders import build_database
    from reader import propose
    from streamlit.testing.v1 import AppTest

    data = _fresh_data(folder)
    build_database(data, folder / "cds.duckdb")
    os.environ["CDS_DATA_DIR"], os.environ["CDS_DB_PATH"] = str(data), str(folder / "cds.duckdb")
    # what a path typed into a page would reach from the unit folder: ../../secret.yaml
    (folder / "secret.yaml").write_text(f"district: {SECRET}\nslug: secret\nprovince: {SECRET}\n", encoding="utf-8")
    propose("Số hồ sơ tiếp nhận và giải quyết trực tuyến là 1.973 hồ sơ")
    AppTest.from_file(str(REPO / "app_pages" / "overview.py"), default_timeout=30).run()


def serve() -> None:
    """The worker's loop: read a case id per line on stdin, answer one marked JSON line on the original stdout."""
    from tests.fixtures.attacks.generate import Context

    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever the libraries print goes to stderr, never into the answers
    signal.signal(signal.SIGALRM, _on_timer)
    signal.signal(signal.SIGPROF, _on_timer)
    root = Path(tempfile.mkdtemp(prefix="attack-worker-"))
    _warm_up(root / "warm")
    baseline = _status("VmSize")
    resource.setrlimit(resource.RLIMIT_AS, (baseline + CASE_BYTES, baseline + CASE_BYTES))
    answers.write(RESULT_MARK + json.dumps({"ready": True, "baseline_bytes": baseline,
                                            "resident_bytes": _status("VmRSS")}) + "\n")
    answers.flush()
    by_id = {case["id"]: case for case in CASES + PROBES}
    context = Context(REPO)
    for line in sys.stdin:
        case = by_id[line.strip()]
        folder = root / case["id"]
        folder.mkdir()
        result = run_case(case, folder, context)
        shutil.rmtree(folder, ignore_errors=True)
        answers.write(RESULT_MARK + json.dumps({"id": case["id"], **result}, default=str) + "\n")
        answers.flush()


# ── the parent: drives workers, survives their deaths ─────────────────────────────────────────────────────────

class Worker:
    """One worker subprocess in its own process group; its answers are read by a thread, so a silent worker is
    noticed by a timeout rather than a read that never returns."""

    def __init__(self, log: Path):
        env = dict(os.environ, PYTHONPATH=str(REPO), MALLOC_ARENA_MAX="2", PYTHONHASHSEED="0")
        with open(log, "a", encoding="utf-8") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from tests.test_attack_corpus import serve; serve()"],
                cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                text=True, encoding="utf-8", start_new_session=True)
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.ready = self._answer(120)

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith(RESULT_MARK):
                self.answers.put(json.loads(line[len(RESULT_MARK):]))
        self.answers.put(None)  # the worker died or closed its output

    def _answer(self, seconds: float) -> dict | None:
        try:
            return self.answers.get(timeout=seconds)
        except queue.Empty:
            return None

    def run(self, case_id: str) -> dict | None:
        try:
            self.process.stdin.write(case_id + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return None
        return self._answer(HANG_SECONDS + WORKER_GRACE_SECONDS + 60)  # + input generation (bombs take ~1 s)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # this worker's own process group only
        self.process.wait()


def run_corpus(cases: list[dict], log: Path) -> tuple[dict[str, dict], dict]:
    results: dict[str, dict] = {}
    worker = Worker(log)
    first_ready = worker.ready or {}
    try:
        for case in cases:
            if worker.ready is None:
                results[case["id"]] = {"outcome": "worker_failed_to_start"}
                worker.stop()
                worker = Worker(log)
                continue
            started = time.perf_counter()
            answer = worker.run(case["id"])
            if answer is None:
                dead = worker.process.poll() is not None
                results[case["id"]] = {"outcome": "killed_the_worker" if dead else "hang",
                                       "seconds": time.perf_counter() - started}
                worker.stop()
                worker = Worker(log)
            else:
                results[case["id"]] = answer
    finally:
        worker.stop()
    return results, first_ready


def data_snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    before = data_snapshot(DATA_DIR)
    started = time.perf_counter()
    log = tmp_path_factory.mktemp("attack-corpus") / "worker-stderr.log"
    results, worker = run_corpus(CASES + PROBES, log)
    return {"results": results, "worker": worker, "before": before, "after": data_snapshot(DATA_DIR),
            "seconds": time.perf_counter() - started}


# ── checks ────────────────────────────────────────────────────────────────────────────────────────────────────

def translated(code: str) -> bool:
    from i18n import table

    texts = table().get(f"problems.{code}") or {}
    return bool(texts.get("vi")) and bool(texts.get("en"))


def visible(markdown_text: str) -> str:
    """What a reader sees of escaped markdown: backslash escapes read, word joiners invisible."""
    return re.sub(r"\\(.)", r"\1", markdown_text, flags=re.S).replace("\u2060", "")


_LIVE = [
    ("link or image", re.compile(r"(?<!\\)\]\((?P<target>[^)]*)\)")),
    ("html", re.compile(r"(?<!\\)<(?P<target>[a-zA-Z!/][^>]*)>")),
    ("autolink", re.compile(r"(?i)(?P<target>(?:https?\\?:(?!\u2060)//|(?<![\w\u2060])www(?!\u2060)\.|@(?!\u2060))"
                            r"[^\s]*)")),
    ("latex", re.compile(r"(?<!\\)\$(?P<target>[^$]*)(?<!\\)\$")),
    ("streamlit directive", re.compile(r"(?<!\\):(?!\u2060)(?P<target>(?:red|skull|material/warning)[^\s]*)")),
]


def live_markup(markdown_text: str) -> list[str]:
    """Constructs in a markdown body that a browser would render as a link, image, HTML, formula or directive and
    that come from an attacker (they name the evil host, or are the directives the corpus sends)."""
    found = []
    for kind, pattern in _LIVE:
        for match in pattern.finditer(markdown_text):
            target = match.group("target")
            attacker_link = EVIL_HOST in target or "script" in target or "onerror" in target
            attacker_directive = kind in ("latex", "streamlit directive") and any(
                word in target for word in ("href", "red", "skull", "material"))
            if attacker_link or attacker_directive:
                found.append(f"{kind}: {match.group(0)[:80]}")
    return found


def describe_result(result: dict) -> str:
    problems = result.get("problems") or []
    shown = "; ".join(f"{p['code'] or '<no code>'} at {p['file']}:{p['line']} {p['field']}" for p in problems[:6])
    more = f" (+{len(problems) - 6} more)" if len(problems) > 6 else ""
    error = f": {result['error']}" if result.get("error") else ""
    return f"{result.get('outcome')}{': ' + shown + more if problems else ''}{error}"


def check_expectation(case: dict, result: dict) -> list[str]:
    """Everything wrong with a case's result, in words (empty when the outcome is the expected one)."""
    wrong = []
    outcome = result.get("outcome")
    if outcome not in ("accepted", "refused"):
        return [f"not handled: {describe_result(result)}"]
    if result.get("cpu_seconds", 0) > CASE_SECONDS:
        wrong.append(f"took {result['cpu_seconds']:.1f} s of CPU (limit {CASE_SECONDS} s)")
    expect = case["expect"]
    problems = result.get("problems") or []
    if result.get("stage") == "save":
        wrong.append(f"the review accepted it, then the save refused it: {describe_result(result)}")
    if outcome == "refused":
        if not problems:
            wrong.append("refused without naming a problem")
        uncoded = [p for p in problems if not p["code"]]
        for problem in uncoded[:3]:
            wrong.append(f"a problem without a code (cannot be translated): {problem['file']}:{problem['line']}: "
                         f"{problem['field']}: {problem['message']}")
        if len(uncoded) > 3:
            wrong.append(f"… and {len(uncoded) - 3} more problems without a code")
        for problem in problems:
            if problem["code"] and not translated(problem["code"]):
                wrong.append(f"problem code {problem['code']!r} has no vi/en text in i18n/strings/problems.yaml")
            if not isinstance(problem["line"], int) or problem["line"] < 1:
                wrong.append(f"problem {problem['code']!r} is not located (line {problem['line']!r})")
    if expect == "accepted" or expect in ("renders", "notice", "error"):
        if outcome != "accepted":
            wrong.append(f"expected accepted, got {describe_result(result)}")
    elif expect == "safe":
        pass
    else:
        codes = expect["code"] if isinstance(expect["code"], list) else [expect["code"]]
        if outcome != "refused":
            wrong.append(f"expected refused with {' or '.join(codes)}, but it was accepted")
        else:
            line = expected_line(case, _input_for_lines(case))
            matching = [p for p in problems if p["code"] in codes
                        and (line is None or p["line"] == line)
                        and ("field" not in expect or _same_field(p["field"], expect["field"]))]
            if not matching:
                where = f" at line {line}" if line else ""
                where += f" in field {expect['field']}" if "field" in expect else ""
                wrong.append(f"expected {' or '.join(codes)}{where}; got {describe_result(result)}")
    if result.get("leaked"):
        wrong.append(f"the extracted text holds {case['not_in_text']!r}")
    return wrong


def _same_field(reported: str, expected: str) -> bool:
    """communes.period is the field period of the record communes; a problem may name either."""
    return reported == expected or reported.split(".")[0] == expected or reported.endswith("." + expected)


def _input_for_lines(case: dict) -> bytes | str:
    if "at" not in case["expect"]:
        return b""
    from tests.fixtures.attacks.generate import Context

    return case_input(case, Context(REPO))


def check_link(case: dict, result: dict) -> list[str]:
    """Links and the reader's form: nothing shown as live markup, the bad value in a notice, no file's secret."""
    wrong = []
    shown = result.get("shown") or []
    leaked = [element["kind"] for element in shown if SECRET in element["body"]]
    if leaked:
        wrong.append(f"a file outside the data folder was read into the page ({', '.join(leaked)})")
    if case["expect"] == "error" and not any(element["kind"] == "error" for element in shown):
        wrong.append("no error tells the user the value was refused")
    for element in shown:
        for construct in live_markup(element["body"]):
            wrong.append(f"{element['kind']} renders live markup — {construct}")
    if case["expect"] == "notice":
        wanted = case.get("shows") or next(iter(_link_query(case).values()))
        notices = [visible(e["body"]) for e in shown if e["kind"] == "warning"]
        wanted_plain = wanted.replace("\r", " ").replace("\n", " ")
        showing = [notice for notice in notices if wanted_plain in notice]
        if not showing:
            wrong.append(f"no notice shows the value {wanted_plain[:60]!r} as text; "
                         f"notices: {[n[:120] for n in notices]}")
        elif len(showing) > 1:  # one notice per invalid value, however often the page reads the parameter
            wrong.append(f"{len(showing)} notices show the value {wanted_plain[:60]!r}; one is enough")
    return wrong


# ── tests ─────────────────────────────────────────────────────────────────────────────────────────────────────

def test_the_corpus_has_at_least_120_distinct_cases_over_every_entry_point():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "case ids repeat"
    inputs = {json.dumps({k: v for k, v in case.items() if k not in ("id", "why", "expect")}, sort_keys=True)
              for case in CASES}
    assert len(inputs) == len(CASES), "two cases feed the same input to the same entry point"
    assert len(CASES) >= 120
    assert {case["entry"] for case in CASES} == set(RUNNERS)
    assert {case["path"].split("/")[0] for case in CASES if case["entry"] == "data_file"} == {
        "unit", "indicators.yaml", "sources.yaml"}
    uploads = {Path(case["filename"]).suffix.lower() for case in CASES if case["entry"] == "upload"}
    documents = {Path(case["filename"]).suffix.lower() for case in CASES if case["entry"] == "document"}
    assert {".yaml", ".csv", ".xlsx"} <= uploads and {".txt", ".docx", ".pdf"} <= documents
    assert all(case.get("why") for case in CASES), "every case says what it tries"


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_attack_is_answered_with_its_expected_outcome(case, corpus_run):
    result = corpus_run["results"][case["id"]]
    wrong = check_expectation(case, result)
    if case["entry"] in ("link", "reader_form") and result.get("outcome") == "accepted":
        wrong += check_link(case, result)
    peak = result.get("peak_bytes", 0) - corpus_run["worker"].get("resident_bytes", 0)
    if peak > CASE_BYTES:
        wrong.append(f"peak memory {peak / 2**20:.0f} MiB above the warmed-up worker (limit {CASE_BYTES >> 20} MiB)")
    assert not wrong, f"{case['id']} ({case['why']}):\n  " + "\n  ".join(wrong)


def test_the_harness_catches_a_memory_blow_up_a_busy_loop_and_a_hang(corpus_run):
    """Without this, a corpus run under broken limits would pass on cases it never really measured."""
    results = corpus_run["results"]
    assert results["probe-memory"]["outcome"] == "memory", results["probe-memory"]
    assert results["probe-busy"]["outcome"] == "timeout", results["probe-busy"]
    assert 0.5 <= results["probe-busy"]["cpu_seconds"] < 3  # the timer counts every thread; the clock read, this one
    assert results["probe-hang"]["outcome"] == "timeout", results["probe-hang"]
    assert 1 <= results["probe-hang"]["seconds"] < 3


@pytest.mark.parametrize("live", [
    "[bấm](http://evil.example/login)", "![](http://evil.example/x.png)", "<img src=http://evil.example/x.png>",
    "<script>alert(1)</script>", "xem http://evil.example/a", "www.evil.example", "admin@evil.example",
    "$\\href{http://evil.example}{x}$", ":red[Lỗi]", ":skull:"])
def test_the_markup_check_sees_what_a_browser_would_render_and_not_its_escaped_form(live):
    """The link checks rest on live_markup: it must flag each construct raw, and none once escaped as the pages do."""
    from ui.markdown import escape

    assert live_markup(f"Giá trị: {live}. Đã dùng mặc định."), live
    assert not live_markup(f"Giá trị: {escape(live)}. Đã dùng mặc định."), escape(live)
    assert live in visible(escape(live))


def test_the_corpus_leaves_the_repository_data_folder_unchanged(corpus_run):
    before, after = corpus_run["before"], corpus_run["after"]
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"data/ changed under the corpus: {changed}"


def test_no_attack_escaped_into_the_temporary_folder(corpus_run):
    # the path-traversal members and file names of the corpus all aim at this one file
    assert not Path(tempfile.gettempdir(), "attack-corpus-escape.txt").exists()
    assert not Path(tempfile.gettempdir(), "attack-corpus-owned").exists()
