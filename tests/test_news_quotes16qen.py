

def test_he_stands_for_a_surname_the_opening_uses_alone() -> None:
    text = ("News\n\nIn his first talk with reporters, Prykladau described the road through the forest.\n\n"
            "“They woke me at four and told me to pack my things,” he noted.\n\n"
            "Prykladau also shared his first feelings after the release:\n\n"
            "“I am free now, and it is still hard to believe.”\n")
    assert _quotes(text) == [("Prykladau", "They woke me at four and"), ("Prykladau", "I am free now, and it is")]
