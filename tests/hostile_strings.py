"""One table of hostile user strings, rendered in every printer language by the tests.

Each must come out as one well-formed command per printed line, and read back (after the
language's own unescaping) as the text we meant to print."""

HOSTILE_STRINGS = {
    "double quotes": 'Le "Petit" Café "',
    "backslashes": "C:\\dossier\\ \\\\ fin\\",
    "backslash quote": 'a\\"b \\" "\\',
    "tspl escape literal": 'x\\["]y \\[R] \\[L] \\[',
    "zpl injection": "^XA^FO0,0^FDpwn^FS^XZ~JR~HS",
    "zpl hex escape": "_5E _7E __ _",
    "carets and tildes": "^^^ ~~~ ^~^~",
    "commas": "a,b,,c, ,\"d\",",
    "epl injection": '"\nP99\nN\nA1,1,0,1,1,1,N,"x',
    "tspl injection": '"\r\nPRINT 99\r\nCLS\r\nTEXT 1,1,"0",0,1,1,"x',
    "cr lf tab nul": "ligne 1\r\nligne 2\tfin\x00\x1b!?",
    "latin-1": "Ærøskøbing Straße à l'œil ÿ",
    "beyond latin-1": "Łódź Ελλάδα İstanbul €",
    "ukrainian": "Київ, вул. Хрещатик 22, ґанок Єва Їжак",
    "emoji": "📦 colis 😀👍🏽",
    "combining and bidi": "e\u0301 \u202eevil\u202c zero\u200bwidth",
    "very long": "Grand-Rue " * 60,
}
