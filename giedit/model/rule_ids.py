"""Every rule id, written once: the ids of spec §8 and the few giedit adds.

A rule is defined where its check is (``@rule(N_E1, Severity.ERROR)`` in ``giedit.checks``, a sum
relation in a format definition); every other module that must name a rule (an import note, a
cross-reference between rules, a button of the editor) imports the name from here, so a typo is
an ImportError and not a rule that silently never matches. ``tests/test_architecture.py`` fails
on a rule id written as a string literal anywhere else in ``giedit/``.
"""

from __future__ import annotations

from typing import Final

# -- spec §8 --------------------------------------------------------------------------------------
F_E1: Final = "F-E1"
G_E1: Final = "G-E1"
G_E2: Final = "G-E2"
G_E3: Final = "G-E3"
G_W1: Final = "G-W1"
G_W2: Final = "G-W2"
I_W1: Final = "I-W1"
N_E1: Final = "N-E1"
N_W1: Final = "N-W1"
N_W2: Final = "N-W2"
N_W3: Final = "N-W3"
N_W4: Final = "N-W4"
N_W5: Final = "N-W5"
N_W6: Final = "N-W6"
N_W7: Final = "N-W7"
N_W8: Final = "N-W8"
N_W9: Final = "N-W9"
N_W10: Final = "N-W10"
N_W11: Final = "N-W11"
N_W12: Final = "N-W12"
N_W13: Final = "N-W13"
N_W14: Final = "N-W14"
N_W15: Final = "N-W15"
T1A_E1: Final = "T1a-E1"
T1A_W1: Final = "T1a-W1"
T1A_W2: Final = "T1a-W2"
T1A_W3: Final = "T1a-W3"
T1A_W4: Final = "T1a-W4"
T1A_W5: Final = "T1a-W5"
T1A_W6: Final = "T1a-W6"
T1_W1: Final = "T1-W1"
T1_W2: Final = "T1-W2"
T1_W3: Final = "T1-W3"
T1_W4: Final = "T1-W4"
T1_W5: Final = "T1-W5"
T1_W6: Final = "T1-W6"
T2_E1: Final = "T2-E1"
T2_E2: Final = "T2-E2"
T2_E3: Final = "T2-E3"
T2_E4: Final = "T2-E4"
T2_W1: Final = "T2-W1"
T2_W2: Final = "T2-W2"
T2_W3: Final = "T2-W3"
T3_E1: Final = "T3-E1"
T3_E2: Final = "T3-E2"
T3_E3: Final = "T3-E3"
T3_W1: Final = "T3-W1"

# -- giedit's own: a year out of range, a glyph no font has, a placeholder left in the text,
# last year's figures restated, an enumeration that does not add up, the register disagreeing with table 三,
# register rows left out of table 三
F_E2: Final = "F-E2"
G_W3: Final = "G-W3"
N_E2: Final = "N-E2"
N_W16: Final = "N-W16"
N_W17: Final = "N-W17"
T2_W4: Final = "T2-W4"
T2_W5: Final = "T2-W5"

# -- the errors the clerk may accept with a reason (spec §8: a historical file in the old format,
# a merged body whose carried-over figures were re-established), by the name the editor gives them
OVERRIDES: Final = {F_E1: "报告格式与年度不符", T2_E4: "上年结转数不一致"}
