import json

from mathcore import DescentRequest, analyze


def test_json_contract_fields_and_values():
    data = analyze("x^4 - 2x^2", -2, 2, DescentRequest(start=0.3, lr=0.05)).to_json()
    json.dumps(data)  # serialisable
    assert data["function"] == "x**4 - 2*x**2"
    assert data["derivative"] == "4*x**3 - 4*x"
    assert data["domain"] == [-2.0, 2.0]
    assert [(p["x"], p["y"], p["kind"], p["differentiable"]) for p in data["critical_points"]] == [
        (-1.0, -1.0, "min", True), (0.0, 0.0, "max", True), (1.0, -1.0, "min", True)]
    assert [(s["start"], s["end"], s["sign"]) for s in data["sign_chart"]] == [
        (-2.0, -1.0, "-"), (-1.0, 0.0, "+"), (0.0, 1.0, "-"), (1.0, 2.0, "+")]
    assert data["plateaus"] == []
    descent = data["descent"]
    assert descent["optimizer"] == "gd" and descent["outcome"] == "converged"
    assert descent["xs"][0] == 0.3 and descent["final_x"] == descent["xs"][-1]


def test_no_descent_without_a_start_point():
    assert analyze("x^2", -1, 1).to_json()["descent"] is None
