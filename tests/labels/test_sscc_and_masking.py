"""SSCC check digits by our own code (a library accepts wrong ones), and privacy masking."""

from __future__ import annotations

import pytest

from labels.errors import LabelError
from labels.routing import route_for
from labels.sscc import build_sscc, is_valid_sscc, verify_sscc
from warehouse.config_printing import CarrierLabelSettings, RouteRule
from warehouse.pii import mask_name, mask_phone


def test_the_gs1_example_sscc_gets_its_check_digit() -> None:
    assert build_sscc(0, "9528765", 432101234) == "095287654321012346"
    assert verify_sscc("095287654321012346") == "095287654321012346"


@pytest.mark.parametrize(
    "wrong", ["095287654321012345", "09528765432101234", "09528765432101234X", ""]
)
def test_a_wrong_sscc_is_refused(wrong: str) -> None:
    assert not is_valid_sscc(wrong)
    with pytest.raises(LabelError, match="is not 18 digits with a correct check digit"):
        verify_sscc(wrong)


def test_an_sscc_serial_that_does_not_fit_is_refused() -> None:
    with pytest.raises(ValueError):
        build_sscc(0, "0952876", 10**9)


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张三丰", "张*"), ("欧阳娜娜", "欧*"), ("Li Wei", "L*"), ("", "")],
)
def test_names_keep_only_their_first_letter(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812341234", "138****1234"), ("+86 138-1234-1234", "138****1234"), ("123", "****")],
)
def test_phones_keep_three_and_four_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_the_longest_matching_destination_prefix_gives_the_routing_code() -> None:
    carrier = CarrierLabelSettings(
        routes=[
            RouteRule(prefix="广东省", routing_code="020", hub="广州"),
            RouteRule(prefix="广东省深圳市", routing_code="755", hub="深圳"),
        ],
        default_route=RouteRule(prefix="", routing_code="000"),
    )
    assert route_for(carrier, "广东省", "深圳市").routing_code == "755"  # type: ignore[union-attr]
    assert route_for(carrier, "广东省", "佛山市").routing_code == "020"  # type: ignore[union-attr]
    assert route_for(carrier, "浙江省", "杭州市").routing_code == "000"  # type: ignore[union-attr]
