"""Holds (and, run as a script, writes to brat_multi/) a brat folder with two coders per document, as a
corpus from elsewhere would look (Windows line endings, file names where both
document and coder contain "_", a discontinuous span, a relation, an
attribute, a note, an equivalence). Used by tests/exchange/test_brat.py.

Run from the repository root: python tests/data/exchange/make_brat_multi.py
"""

from pathlib import Path

ONE = "The minister said the talks were naïve 👍🏽.\r\nAn NGO monitor disagreed.\r\n"
TWO = "Ceasefire holds, a UN spokesperson said.\n"


def at(text: str, part: str) -> str:
    s = text.index(part)
    return f"{s} {s + len(part)}"


FILES = {
    "article_one.txt": ONE,
    "article_two.txt": TWO,
    "article_one_Ana.ann": (
        f"T1\tgovernment_official {at(ONE, 'The minister')}\tThe minister\n"
        f"T2\tappeasement {at(ONE, 'naïve 👍🏽')}\tnaïve 👍🏽\n"
        f"#1\tAnnotatorNotes T2\temoji counts as\\none code point\n"
        f"T3\tNGO {at(ONE, 'An NGO monitor')}\tAn NGO monitor\n"
        f"R1\tDisagrees Arg1:T3 Arg2:T1\n"
    ),
    "article_one_Bo_Chen.ann": (
        f"T1\tgovernment_official {at(ONE, 'minister')}\tminister\n"
        f"T2\tNGO {at(ONE, 'NGO monitor')}\tNGO monitor\n"
        f"A1\tNegated T2\n"
    ),
    "article_two_Ana.ann": (
        f"T1\tNGO {at(TWO, 'a UN')};{at(TWO, 'spokesperson')}\ta UN spokesperson\n"
        f"T2\tframe {at(TWO, 'Ceasefire holds')}\tCeasefire holds\n"
        f"*\tEquiv T1 T2\n"
    ),
}

if __name__ == "__main__":
    folder = Path(__file__).with_name("brat_multi")
    folder.mkdir(exist_ok=True)
    for name, content in FILES.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            fh.write(content)
    print(folder)
