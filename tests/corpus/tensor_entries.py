"""The entry record of the vector/matrix corpora (tensor_answers*.py): one constructor for a real answer, one for
a single slip of it."""
from __future__ import annotations

C, W = "correct", "incorrect"


def A(source, loss, shapes, wrt, answer, notation, where=(), verdict=C, diagnosis=None) -> dict:
    return {"source": source, "loss": loss, "shapes": shapes, "wrt": wrt, "answer": answer,
            "notation": notation, "where": list(where), "verdict": verdict, "diagnosis": diagnosis}


def variant(entry: dict, answer: str, diagnosis: str | None, verdict: str = W, where=None) -> dict:
    """A single slip of a real answer (or a real answer judged against another objective)."""
    return A("variant of " + entry["source"], entry["loss"], entry["shapes"], entry["wrt"], answer,
             entry["notation"], entry["where"] if where is None else where, verdict, diagnosis)
