"""Numbers inside translated messages are written the French way when the plugin speaks French."""

import pytest

from territorial_data.providers import i18n


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setattr(i18n, "plugin_language", lambda: "fr")


def test_french_messages_write_numbers_the_french_way(french):
    message = i18n.localized("{count} lignes, flux {flow:,.1f} ({share:.1%}), {km:.2f} km, code {code}")
    text = message.format(count=12345, flow=1234567.89, share=0.0523, km=3.5, code="95127")
    assert text == "12345 lignes, flux 1\u202f234\u202f567,9 (5,2\u00a0%), 3,50 km, code 95127"


def test_english_messages_are_left_as_they_are(monkeypatch):
    monkeypatch.setattr(i18n, "plugin_language", lambda: "en")
    message = i18n.localized("{flow:,.1f} ({share:.1%})")
    assert message.format(flow=1234.5, share=0.5) == "1,234.5 (50.0%)"


def test_booleans_and_texts_are_not_numbers(french):
    assert i18n.localized("{a} {b} {c}").format(a=True, b="1.5", c=2.5) == "True 1.5 2,5"
