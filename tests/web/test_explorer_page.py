"""The explorer in headless Chromium against ``symgrad serve``: what the page shows equals what the CLI says.

One browser for the whole module (the engine boots once per page load, a few seconds); the tests run in
file order and each leaves the page in a known state for the next.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli import run_cli

from .conftest import BOOT_SECONDS, open_page, wait_for

NEURON = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
#: the lecture's sign mistake, written out in the loss's own variables
SIGN_MISTAKE = r"(y-\sigma(\omega x+b))\sigma(\omega x+b)(1-\sigma(\omega x+b))x + 2\lambda\omega"
#: the right answer, then the sign mistake in the middle, then right again
CHAIN = (r"\frac{\partial L}{\partial \omega} = -(y-\sigma(\omega x+b))\sigma'(\omega x+b)x + 2\lambda\omega"
         r" = (y-\sigma(\omega x+b))\sigma(\omega x+b)(1-\sigma(\omega x+b))x + 2\lambda\omega"
         r" = 2\lambda\omega - (y-\sigma(\omega x+b))\sigma(\omega x+b)(1-\sigma(\omega x+b))x")
POINT = "omega=0.5,b=0.1,x=2,y=1,lambda=0.01"
NOTES = Path("/work/notes")


def set_field(driver, element_id: str, text: str) -> None:
    """Put ``text`` into an input as a paste would (one input event)."""
    driver.execute_script("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                          "e.dispatchEvent(new Event('input', {bubbles: true}));", element_id, text)


def click(driver, element_id: str) -> None:
    driver.find_element("id", element_id).click()


def cli_json(capsys, *argv) -> dict:
    code, out, err = run_cli(capsys, *argv)
    assert code in (0, 1), err
    return json.loads(out)


@pytest.fixture(scope="module")
def page(browser, served):
    open_page(browser, served.url)
    return browser


def test_typing_the_neuron_loss_previews_and_derives_it_as_the_cli_does(page, capsys):
    loss = page.find_element("id", "loss")
    loss.clear()
    loss.send_keys("1/2*(y - sigmoid(omega*x + b")
    wait_for(page, "!document.getElementById('loss-error').hidden", 20, "the parse error while typing")
    assert page.find_element("id", "loss-error").text.strip()
    loss.send_keys("))**2 + lambda*omega**2")
    wait_for(page, "document.getElementById('loss-error').hidden && "
                   "document.querySelector('#loss-preview .katex')", 20, "the live preview")
    wrt = page.find_element("id", "wrt")
    wrt.clear()
    wrt.send_keys("omega")
    page.execute_script("document.getElementById('derivation').dataset.ready = ''")
    click(page, "derive-button")
    wait_for(page, "document.getElementById('derivation').dataset.ready === 'true'", 30, "the derivation")
    steps = page.find_elements("css selector", "#derivation .step")
    expected = cli_json(capsys, "derive", NEURON, "--wrt", "omega", "--steps", "--format", "json")["gradients"]["omega"]
    # the CLI's steps, then its last line: simplified in z's terms
    assert [s.get_attribute("data-rule") for s in steps] == [s["rule"] for s in expected["steps"]] + ["simplify"]
    assert len(page.find_elements("css selector", "#derivation .step .line .katex")) == len(expected["steps"]) + 1
    code, text, _ = run_cli(capsys, "derive", NEURON, "--wrt", "omega", "--steps")
    assert [line for line in text.splitlines() if line.strip()][-1].endswith("[simplify]")
    final = page.find_element("css selector", "#derivation .final")
    assert final.get_attribute("data-text") == expected["text"]
    assert final.find_elements("css selector", ".katex-display")


def test_the_lectures_sign_mistake_is_incorrect_with_diagnosis_sign(page, capsys):
    set_field(page, "answer", SIGN_MISTAKE)
    wait_for(page, "document.querySelector('#answer-preview .katex')", 20, "the answer's preview")
    click(page, "check-button")
    verdict = wait_for(page, "document.getElementById('verdict').dataset.verdict", 40, "the verdict")
    cli = cli_json(capsys, "check", NEURON, "--wrt", "omega", "--answer", SIGN_MISTAKE, "--json")
    assert verdict == cli["verdict"] == "incorrect"
    diagnosis = page.find_element("css selector", "#verdict .diagnosis")
    assert diagnosis.get_attribute("data-kind") == cli["diagnosis"]["kind"] == "sign"
    assert page.find_elements("css selector", "#verdict .offending")  # the wrong term highlighted
    assert "counterexample" in page.find_element("id", "verdict").text


def test_a_derivation_with_a_wrong_middle_line_is_marked_at_that_line(page, capsys, tmp_path):
    set_field(page, "chain", CHAIN)
    click(page, "chain-button")
    wait_for(page, "document.querySelector('#chain-result .chain-step')", 60, "the marked lines")
    (tmp_path / "chain.tex").write_text(CHAIN)
    cli = cli_json(capsys, "check", NEURON, "--wrt", "omega", "--derivation", str(tmp_path / "chain.tex"), "--json")
    rows = page.find_elements("css selector", "#chain-result .chain-step")
    assert [r.get_attribute("data-verdict") for r in rows] == [s["verdict"] for s in cli["steps"]]
    assert cli["first_wrong_step"] == 2
    wrong = page.find_elements("css selector", "#chain-result .chain-step.first-wrong")
    assert [w.get_attribute("data-step") for w in wrong] == ["2"]


def _adjoints(driver) -> dict[str, float]:
    rows = driver.find_elements("css selector", "#graph-table tbody tr")
    return {r.get_attribute("data-node"): float(r.get_attribute("data-adjoint")) for r in rows}


def test_the_graph_shows_the_clis_values_and_adjoints_and_follows_the_point(page, capsys):
    wait_for(page, "document.querySelector('#graph svg g.node')", 30, "the graph picture")
    cli = cli_json(capsys, "graph", NEURON, "--at", POINT, "--format", "json")
    shown = _adjoints(page)
    assert shown.keys() == {n["name"] for n in cli["nodes"]}
    for node in cli["nodes"]:
        assert shown[node["name"]] == pytest.approx(node["adjoint"], rel=1e-12, abs=1e-15), node["name"]
    assert len(page.find_elements("css selector", "#graph svg g.node")) == len(cli["nodes"])
    assert page.find_elements("css selector", "#graph-sums li")
    before = shown["omega"]
    set_field(page, "at-omega", "1.5")
    wait_for(page, f"document.querySelector('#graph-table tr[data-node=omega]').dataset.adjoint != '{before!r}'",
             30, "the table at the new point")
    cli = cli_json(capsys, "graph", NEURON, "--at", POINT.replace("omega=0.5", "omega=1.5"), "--format", "json")
    assert _adjoints(page)["omega"] == pytest.approx(next(n["adjoint"] for n in cli["nodes"]
                                                          if n["name"] == "omega"), rel=1e-12)


def test_a_permalink_restores_the_problem_after_a_reload_and_history_walks_back(page, served):
    link = page.find_element("id", "permalink").get_attribute("href")
    assert "answer=" in link and "loss=" in link
    from selenium.webdriver.common.keys import Keys
    wrt = page.find_element("id", "wrt")
    wrt.clear()
    wrt.send_keys("b", Keys.ENTER)  # the keyboard alone derives
    wait_for(page, "document.querySelector('#derivation .final[data-parameter=b]')", 30, "∂L/∂b")
    page.back()
    wait_for(page, "document.querySelector('#derivation .final[data-parameter=omega]')", 30, "back to ∂L/∂ω")
    assert page.find_element("id", "wrt").get_attribute("value") == "omega"
    page.get(link)  # a fresh load of the shared link
    page.refresh()
    wait_for(page, "document.body.dataset.loaded === 'true'", BOOT_SECONDS, "the page to load again")
    assert page.find_element("id", "loss").get_attribute("value") == NEURON
    assert page.find_element("id", "answer").get_attribute("value") == SIGN_MISTAKE
    assert wait_for(page, "document.getElementById('verdict').dataset.verdict", 40, "the verdict") == "incorrect"
    assert page.find_element("id", "at-omega").get_attribute("value") == "1.5"


def _one_error_line(driver) -> str:
    box = wait_for(driver, "!document.getElementById('loss-error').hidden && "
                          "document.querySelector('#loss-error .error-text').textContent", 30, "the error line")
    assert "\n" not in box and "Traceback" not in box and "internal error" not in box
    return box


@pytest.mark.parametrize("hostile, says", [
    (r"\input{/etc/passwd}", "forbidden"),
    ("10^{10^{10^{10}}}", "larger than"),
    ("x" * (5 * 1024 * 1024), "longer than"),
    ("(" * 400 + "x" + ")" * 400, "nest"),
])
def test_hostile_input_gives_one_error_line(page, hostile, says):
    set_field(page, "loss", hostile)
    click(page, "derive-button")
    assert says in _one_error_line(page)
    set_field(page, "loss", NEURON)


@pytest.mark.parametrize("hostile, says", [
    (r"\input{/etc/passwd}", "forbidden"),
    ("x" * 100_000, "longer than"),
])
def test_a_hostile_answer_gives_one_error_line_in_the_verdict(page, hostile, says):
    set_field(page, "answer", hostile)
    page.execute_script("document.getElementById('verdict').dataset.verdict = ''")
    click(page, "check-button")
    line = wait_for(page, "document.querySelector('#verdict[data-verdict=error] .error-text')?.textContent", 30,
                    "the error line")
    assert says in line and "\n" not in line and "Traceback" not in line
    set_field(page, "answer", SIGN_MISTAKE)


def test_a_request_past_its_budget_restarts_the_engine_and_the_next_one_works(page, capsys):
    set_field(page, "loss", NEURON)
    wait_for(page, "document.querySelector('#loss-preview .katex') && document.getElementById('loss-error').hidden "
                   "&& !window.symgrad.engine.busy && !window.symgrad.engine.queue.length", 20, "the preview")
    page.execute_script("window.symgrad.engine.budgetOverride = 0.001")
    click(page, "derive-button")
    assert "gave up after 0.001 s" in _one_error_line(page)
    wait_for(page, "document.getElementById('status').textContent.includes('gave up after 0.001 s')", 10, "the status")
    page.execute_script("window.symgrad.engine.budgetOverride = null")
    wait_for(page, "document.body.dataset.engine === 'ready'", BOOT_SECONDS, "the restarted engine")
    page.execute_script("document.getElementById('derivation').dataset.ready = ''")
    click(page, "derive-button")
    wait_for(page, "document.getElementById('derivation').dataset.ready === 'true'", 30, "the derivation")
    budget = page.execute_script("return window.symgrad.engine.budget('derive')")
    assert page.execute_script("return window.symgrad.timings.derive") < budget
    expected = cli_json(capsys, "derive", NEURON, "--wrt", page.find_element("id", "wrt").get_attribute("value"),
                        "--format", "json")
    assert [f.get_attribute("data-text") for f in page.find_elements("css selector", "#derivation .final")] == \
        [g["text"] for g in expected["gradients"].values()]


def test_the_picker_derives_the_built_in_model_as_the_cli_does(page, capsys):
    from selenium.webdriver.support.ui import Select
    page.find_element("id", "wrt").clear()
    Select(page.find_element("id", "model")).select_by_value("neuron")
    Select(page.find_element("id", "reg")).select_by_value("l2")
    wait_for(page, "document.querySelectorAll('#derivation .final').length === 2 && "
                   "document.querySelector('#loss-preview .katex')", 30, "∂L/∂ω and ∂L/∂b of the model")
    assert page.find_element("id", "loss").get_attribute("disabled") is not None
    cli = cli_json(capsys, "derive", "--model", "neuron", "--reg", "l2", "--format", "json")["gradients"]
    shown = {f.get_attribute("data-parameter"): f.get_attribute("data-text")
             for f in page.find_elements("css selector", "#derivation .final")}
    assert shown == {name: g["text"] for name, g in cli.items()}
    assert "model=neuron" in page.find_element("id", "permalink").get_attribute("href")
    Select(page.find_element("id", "model")).select_by_value("")
    wait_for(page, "!document.getElementById('loss').disabled", 5, "the typed loss back")


def test_vectors_and_matrices_derive_as_derive_shapes_does(page, capsys):
    loss, shapes = "sum((X@w - y)**2)/n + lambda*w@w", "X:n,d w:d y:n"
    set_field(page, "shapes", shapes)
    set_field(page, "loss", loss)
    page.find_element("id", "wrt").clear()
    page.find_element("id", "wrt").send_keys("w")
    page.execute_script("document.getElementById('derivation').dataset.ready = ''")
    click(page, "derive-button")
    wait_for(page, "document.querySelector('#derivation .final[data-parameter=w]')", 30, "∂L/∂w")
    cli = cli_json(capsys, "derive", loss, "--shapes", shapes, "--wrt", "w", "--format", "json")
    final = page.find_element("css selector", "#derivation .final[data-parameter=w]")
    assert final.get_attribute("data-text") == cli["gradients"]["w"]["text"] == "2*lambda*w + 2/n*(X.T@(X@w - y))"
    rules = [s.get_attribute("data-rule") for s in page.find_elements("css selector", "#derivation .step")]
    assert rules[-len(cli["gradients"]["w"]["steps"]):] == [s["rule"] for s in cli["gradients"]["w"]["steps"]]


def _tensor_rows(driver) -> dict[str, dict]:
    return driver.execute_script("""const out = {};
      for (const r of document.querySelectorAll('#graph-table tbody tr')) out[r.dataset.node] =
        {shape: r.dataset.shape, value: JSON.parse(r.dataset.value), adjoint: JSON.parse(r.dataset.adjoint)};
      return out;""")


def test_a_matrix_objective_draws_its_graph_with_the_clis_values_at_the_same_point_and_seed(page, capsys, tmp_path):
    loss, shapes = "sum((X@w - y)**2)/n + lambda*w@w", "X:n,d w:d y:n"
    if page.find_element("id", "shapes").get_attribute("value") != shapes:  # run alone: the objective first
        set_field(page, "shapes", shapes)
        set_field(page, "loss", loss)
        set_field(page, "wrt", "w")
        click(page, "derive-button")
    wait_for(page, "document.getElementById('graph').dataset.form === 'tensor' && "
                   "document.querySelector('#graph svg g.node') && document.getElementById('at-n')", 30, "the matrix graph")
    page.execute_script("document.getElementById('graph-seed').value = '0'")
    set_field(page, "at-n", "3")
    set_field(page, "at-d", "2")
    wait_for(page, "document.querySelector('#graph-table tr[data-node=X]')?.dataset.shape === 'n × d' && "
                   "JSON.parse(document.querySelector('#graph-table tr[data-node=X]').dataset.value).length === 3 && "
                   "JSON.parse(document.querySelector('#graph-table tr[data-node=w]').dataset.value).length === 2",
             30, "the graph at n=3, d=2")
    before = _tensor_rows(page)["X"]["value"]
    click(page, "new-tensors")  # seed 0 → 1: other tensors, the same sizes
    wait_for(page, "document.getElementById('graph-seed').value === '1' && document.querySelector("
                   f"'#graph-table tr[data-node=X]').dataset.value !== '{json.dumps(before, separators=(',', ':'))}'",
             30, "new random tensors")
    cli = cli_json(capsys, "graph", loss, "--shapes", shapes, "--wrt", "w", "--at", "n=3,d=2", "--seed", "1",
                   "--format", "json")
    shown = _tensor_rows(page)
    assert shown.keys() == {n["name"] for n in cli["nodes"]}
    for node in cli["nodes"]:  # every value and adjoint value, as the CLI prints them in JSON
        assert (shown[node["name"]]["value"], shown[node["name"]]["adjoint"]) == \
            (node["value"], node["adjoint_value"]), node["name"]
    w = next(n for n in cli["nodes"] if n["name"] == "w")
    assert shown["w"]["adjoint"] == w["adjoint_value"] and len(w["adjoint_value"]) == 2 and shown["w"]["shape"] == "d"
    assert len(page.find_elements("css selector", "#graph svg g.node")) == len(cli["nodes"])
    picture = page.find_element("id", "graph").text
    assert "(n × d)" in picture and "w̄ = 2λw + (2/n)Xᵀr" in picture and "matrix product" in picture
    assert "w → z: w̄ += Xᵀz̄" in page.find_element("id", "graph-sums").text
    assert page.find_element("css selector", "#graph-table tr[data-node=w] .adjoint .katex")
    link = page.find_element("id", "permalink").get_attribute("href")
    assert "seed=1" in link and "shapes=X" in link and "at=d%3D2%2Cn%3D3" in link
    rows_of = "JSON.parse(document.querySelector('#graph-table tr[data-node=X]').dataset.value).length === "
    page.back()  # before "new random tensors": no point, seed 0 (the CLI's sizes d=3, n=4)
    wait_for(page, f"document.getElementById('graph-seed').value === '0' && {rows_of}4", 30, "the graph one entry back")
    back = cli_json(capsys, "graph", loss, "--shapes", shapes, "--wrt", "w", "--at", "n=4,d=3", "--format", "json")
    assert _tensor_rows(page)["w"]["adjoint"] == next(n["adjoint_value"] for n in back["nodes"] if n["name"] == "w")
    page.forward()  # the permalink's state again: n=3, d=2, seed 1
    wait_for(page, f"document.getElementById('graph-seed').value === '1' && {rows_of}3", 30, "the graph one entry on")
    assert _tensor_rows(page)["w"]["adjoint"] == w["adjoint_value"]
    for name, width in {"web-matrix-desktop.png": 1280, "web-matrix-phone.png": 390}.items():
        _screenshot(page, width, tmp_path / name, "#graph-title")
        assert (tmp_path / name).stat().st_size > 10_000
        if NOTES.is_dir():
            shutil.copy(tmp_path / name, NOTES / name)
    page.set_window_size(1280, 1000)
    set_field(page, "shapes", "")  # back to the scalar neuron, answer and derivation checked again
    set_field(page, "loss", NEURON)
    page.find_element("id", "wrt").clear()
    page.find_element("id", "wrt").send_keys("omega")
    page.execute_script("document.getElementById('verdict').dataset.verdict = ''")
    click(page, "derive-button")
    wait_for(page, "document.querySelector('#derivation .final[data-parameter=omega]') && "
                   "document.getElementById('verdict').dataset.verdict && "
                   "document.querySelector('#chain-result .chain-step') && "
                   "document.getElementById('graph').dataset.form === 'scalar' && "
                   "document.querySelector('#graph svg')", 60, "the neuron's page again")
    assert page.find_element("id", "at-omega") and "seed=" not in page.find_element("id", "permalink").get_attribute("href")


def test_nothing_is_fetched_from_any_origin_but_the_pages_own(page, served):
    urls = []
    for entry in page.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert any(u.endswith("/app.js") for u in urls)
    foreign = [u for u in urls if not u.startswith(served.url) and not u.startswith(("data:", "blob:"))]
    assert foreign == []
    assert "/pyodide/pyodide.asm.wasm" in served.paths  # the worker's downloads came here too
    assert any(p.startswith("/pyodide/sympy-") for p in served.paths)
    console = page.get_log("browser")
    assert not [e for e in console if "Content Security Policy" in e["message"] or "Refused to" in e["message"]]
    assert [e["message"] for e in console if e["level"] == "SEVERE"] == []


def _screenshot(driver, width: int, path: Path, card: str | None = None) -> None:
    """The whole page at ``width``, or only the card that holds the ``card`` selector."""
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height + 120, 6000))
    if card:
        driver.execute_script("return document.querySelector(arguments[0]).closest('.card')", card).screenshot(str(path))
    else:
        driver.save_screenshot(str(path))


def test_screenshots_at_desktop_and_phone_width(page, tmp_path):
    page.execute_script("window.scrollTo(0, 0)")
    shots = {"web-desktop.png": 1280, "web-phone.png": 390}
    for name, width in shots.items():
        _screenshot(page, width, tmp_path / name)
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    _screenshot(page, 390, tmp_path / "web-phone-dark.png")
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    page.set_window_size(1280, 1000)
    for name in (*shots, "web-phone-dark.png"):
        assert (tmp_path / name).stat().st_size > 10_000
        if NOTES.is_dir():
            shutil.copy(tmp_path / name, NOTES / name)
