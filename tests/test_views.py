"""What reaches the reader: escaped text, Vietnamese numbers and dates, contacts hidden."""

from __future__ import annotations

import pandas as pd

from campaignkit.render.html import table_html
from campaignkit.render.privacy import HIDDEN, redact


def test_text_from_inputs_is_escaped_and_contacts_hidden():
    table = pd.DataFrame({
        "activity": ["<script>alert(1)</script>", "Khám bệnh, LH: 0909 000 111 hoặc abc@example.com"],
        "held_on": [pd.Timestamp(2024, 6, 15), pd.Timestamp(2024, 7, 2, 16, 30)],
        "CT04": [1000.0, 2.5],
    })
    page = table_html(table)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "0909" not in page and "example.com" not in page and HIDDEN in page
    assert "15/06/2024" in page and "02/07/2024 16:30" in page
    assert ">1.000<" in page and ">2,5<" in page
    assert "<th>Tên hoạt động</th>" in page and "<th>Ngày tổ chức</th>" in page


def test_phone_numbers_as_units_type_them_are_hidden_but_figures_stay():
    for contact in ("0907.019.345", "0909 000 111", "+84 907 019 345", "(0292) 3 820 123"):
        assert contact not in redact(f"Liên hệ {contact} nhé")
    for figure in ("1.000 cây", "5.000.000 đồng", "15/06/2024", "0,5 km"):
        assert redact(figure) == figure


def test_long_tables_say_how_many_rows_are_not_shown():
    page = table_html(pd.DataFrame({"unit_id": [f"DV{i:03d}" for i in range(75)]}), max_rows=60)
    assert "… và 15 dòng nữa" in page
    assert table_html(pd.DataFrame({"unit_id": []}), caption="Đơn vị").startswith("<p class=\"empty\">")
