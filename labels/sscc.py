"""SSCC (AI 00): built and checked by our own GS1 mod-10 code.

``stdnum.gs1_128.validate`` accepts an SSCC with a wrong check digit, so nothing here trusts a
library for it: :func:`verify_sscc` recomputes the digit with
:func:`warehouse.barcodes.gs1_check_digit` (weights 3,1,3,… from the right).
"""

from __future__ import annotations

from labels.errors import LabelError
from warehouse.barcodes import gs1_check_digit


def is_valid_sscc(sscc: str) -> bool:
    return len(sscc) == 18 and sscc.isdigit() and gs1_check_digit(sscc[:17]) == int(sscc[17])


def verify_sscc(sscc: str) -> str:
    """``sscc`` unchanged when it is 18 digits with a right check digit; else a LabelError."""
    if not is_valid_sscc(sscc):
        raise LabelError.key("labels.bad_sscc", sscc=sscc)
    return sscc


def build_sscc(extension: int, company_prefix: str, serial: int) -> str:
    """Extension digit + company prefix + serial (zero-padded to 17 digits) + check digit."""
    room = 16 - len(company_prefix)
    if not 0 <= extension <= 9 or not company_prefix.isdigit() or room < 1:
        raise ValueError("an SSCC needs one extension digit and a 7 to 10 digit company prefix")
    if not 0 <= serial < 10**room:
        raise ValueError(f"serial {serial} does not fit in {room} digits")
    body = f"{extension}{company_prefix}{serial:0{room}d}"
    return body + str(gs1_check_digit(body))
