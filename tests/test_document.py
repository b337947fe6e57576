"""The article's shared reading: where its headline is."""

import pytest

from service.pipeline.document import headline_span


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (
            "Paper Stimulus Checks Start Going Out Friday\nATLANTA -- Families found an extra $1,800.",
            "Paper Stimulus Checks Start Going Out Friday",
        ),
        ("\n\n  Nurses to strike again on Tuesday  \nDUBLIN -- Talks broke down.", "Nurses to strike again on Tuesday"),
        # a first line closed as a sentence is the lead, not a headline
        ("Schools return Tuesday, officials said.\nPupils go back after the summer break.", None),
        ("Is the euro safe?\nMinisters meet Monday.", None),
        # one line and no break: nothing sets a headline apart
        ("Schools return Tuesday after the summer break", None),
        (" ".join(["word"] * 26) + "\nBody.", None),
        ("   \n\t", None),
    ],
)
def test_headline_span(text: str, headline: str | None) -> None:
    span = headline_span(text)
    assert (text[span[0] : span[1]] if span else None) == headline
