"""The shared words of the lesson: what every section may say (kinds of points, signs, descent outcomes, a
run's result), in Vietnamese (the course language) and English. Each section's own words live in its
folder (`sections/<slug>/text.py`) on top of these; which string a section shows is decided by its plan
from facts mathcore checked."""

from .text import Texts

SCREEN: dict[str, dict[str, str]] = {
    # kinds and signs
    "kind.min": {"vi": "cực tiểu", "en": "minimum"},
    "kind.max": {"vi": "cực đại", "en": "maximum"},
    "kind.neither": {"vi": "không phải cực trị", "en": "not an extremum"},
    "sign.-": {"vi": "giảm", "en": "falling"},
    "sign.+": {"vi": "tăng", "en": "rising"},
    "sign.0": {"vi": "phẳng", "en": "flat"},
    "readout.undefined": {"vi": "không tồn tại", "en": "does not exist"},
    # descent outcomes (mathcore's names) and how a run's result is said
    "outcome.converged": {"vi": "hội tụ", "en": "converged"},
    "outcome.stalled": {"vi": "mắc kẹt: gradient biến mất", "en": "stalled: the gradient vanished"},
    "outcome.oscillating": {"vi": "dao động", "en": "oscillating"},
    "outcome.diverged": {"vi": "phân kỳ", "en": "diverged"},
    "outcome.max_steps": {"vi": "chưa tới đáy", "en": "not there yet"},
    "run.result": {"vi": "{outcome} sau {n} bước (x {x})", "en": "{outcome} after {n} steps (x {x})"},
    "run.result_within": {"vi": "{outcome} trong {n} bước (x {x})", "en": "{outcome} within {n} steps (x {x})"},
    "run.result_kink": {"vi": "{outcome} quanh điểm gãy x {x}: nhảy trong một bước quanh nó, sau {n} bước",
                        "en": "{outcome} around the kink x {x}: bouncing within one step of it, after {n} steps"},
    "run.result_gone": {"vi": "{outcome}: x rời khỏi miền sau {n} bước",
                        "en": "{outcome}: x left the domain after {n} steps"},
    "run.result_out": {"vi": "{outcome}, ra ngoài miền sau {n} bước",
                       "en": "{outcome}, outside the domain after {n} steps"},
}

VISUALS: dict[str, dict[str, str]] = {
    "title": {"vi": "Tiêu đề của phần.", "en": "The section's title."},
}

SHARED = Texts(SCREEN, visuals=VISUALS)
