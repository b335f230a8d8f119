"""A small, deterministic English stemmer: Martin Porter's algorithm (1980) as in his reference implementation.

It is the algorithm of Lucene's ``porter_stem`` token filter (``PorterStemFilter``), which the engine's English
sub-fields use, so a word reduces to the same stem on the database and on the engine (nursing rooms → nurs room,
playgroups → playgroup, twins → twin). Input: one lower-case ASCII word; words of one or two letters stay as
they are. tests/search/test_languages.py compares the two stemmers word by word on the real node.
"""

_VOWELS = "aeiou"


class _Word:
    def __init__(self, word):
        self.b = word
        self.k = len(word) - 1  # the end of the stem being built
        self.j = 0  # the end of the stem before a matched suffix

    def cons(self, i):
        ch = self.b[i]
        if ch in _VOWELS:
            return False
        if ch == "y":
            return i == 0 or not self.cons(i - 1)
        return True

    def m(self):
        """The number of consonant-vowel sequences in b[0..j]."""
        n, i, j = 0, 0, self.j
        while True:
            if i > j:
                return n
            if not self.cons(i):
                break
            i += 1
        i += 1
        while True:
            while True:
                if i > j:
                    return n
                if self.cons(i):
                    break
                i += 1
            i += 1
            n += 1
            while True:
                if i > j:
                    return n
                if not self.cons(i):
                    break
                i += 1
            i += 1

    def vowel_in_stem(self):
        return any(not self.cons(i) for i in range(self.j + 1))

    def double_consonant(self, j):
        return j >= 1 and self.b[j] == self.b[j - 1] and self.cons(j)

    def cvc(self, i):
        if i < 2 or not self.cons(i) or self.cons(i - 1) or not self.cons(i - 2):
            return False
        return self.b[i] not in "wxy"

    def ends(self, s):
        length = len(s)
        if length > self.k + 1 or self.b[self.k - length + 1 : self.k + 1] != s:
            return False
        self.j = self.k - length
        return True

    def set_to(self, s):
        self.b = self.b[: self.j + 1] + s + self.b[self.k + 1 :]
        self.k = self.j + len(s)

    def replace(self, s):
        if self.m() > 0:
            self.set_to(s)

    def step1ab(self):
        b = self.b
        if b[self.k] == "s":
            if self.ends("sses"):
                self.k -= 2
            elif self.ends("ies"):
                self.set_to("i")
            elif b[self.k - 1] != "s":
                self.k -= 1
        if self.ends("eed"):
            if self.m() > 0:
                self.k -= 1
        elif (self.ends("ed") or self.ends("ing")) and self.vowel_in_stem():
            self.k = self.j
            if self.ends("at"):
                self.set_to("ate")
            elif self.ends("bl"):
                self.set_to("ble")
            elif self.ends("iz"):
                self.set_to("ize")
            elif self.double_consonant(self.k):
                self.k -= 1
                if self.b[self.k] in "lsz":
                    self.k += 1
            elif self.m() == 1 and self.cvc(self.k):
                self.set_to("e")

    def step1c(self):
        if self.ends("y") and self.vowel_in_stem():
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]

    def first_suffix(self, table):
        """Replace the first suffix of ``table`` the word ends with (if the stem's measure allows)."""
        for suffix, replacement in table.get(self.b[self.k - 1] if self.k >= 1 else "", ()):
            if self.ends(suffix):
                self.replace(replacement)
                return

    def step4(self):
        for suffix in _STEP4.get(self.b[self.k - 1] if self.k >= 1 else "", ()):
            if self.ends(suffix):
                if suffix == "ion" and not (self.j >= 0 and self.b[self.j] in "st"):
                    continue
                break
        else:
            return
        if self.m() > 1:
            self.k = self.j

    def step5(self):
        self.j = self.k
        if self.b[self.k] == "e":
            a = self.m()
            if a > 1 or (a == 1 and not self.cvc(self.k - 1)):
                self.k -= 1
        if self.b[self.k] == "l" and self.double_consonant(self.k) and self.m() > 1:
            self.k -= 1


_STEP2 = {
    "a": (("ational", "ate"), ("tional", "tion")),
    "c": (("enci", "ence"), ("anci", "ance")),
    "e": (("izer", "ize"),),
    "l": (("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")),
    "o": (("ization", "ize"), ("ation", "ate"), ("ator", "ate")),
    "s": (("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")),
    "t": (("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")),
    "g": (("logi", "log"),),
}
# Step 3 looks at the last letter; keyed by the letter before it like the others, through a small shift below.
_STEP3 = {
    "e": (("icate", "ic"), ("ative", ""), ("alize", "al")),
    "i": (("iciti", "ic"),),
    "l": (("ical", "ic"), ("ful", "")),
    "s": (("ness", ""),),
}
_STEP4 = {
    "a": ("al",),
    "c": ("ance", "ence"),
    "e": ("er",),
    "i": ("ic",),
    "l": ("able", "ible"),
    "n": ("ant", "ement", "ment", "ent"),
    "o": ("ion", "ou"),
    "s": ("ism",),
    "t": ("ate", "iti"),
    "u": ("ous",),
    "v": ("ive",),
    "z": ("ize",),
}


def stem(word):
    """The Porter stem of a lower-case word."""
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    w = _Word(word)
    w.step1ab()
    if w.k > 0:
        w.step1c()
        w.first_suffix(_STEP2)
        for suffix, replacement in _STEP3.get(w.b[w.k], ()):
            if w.ends(suffix):
                w.replace(replacement)
                break
        w.step4()
        w.step5()
    return w.b[: w.k + 1]
