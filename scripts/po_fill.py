import re, sys, json
path = sys.argv[1]; tr = json.load(open(sys.argv[2]))
s = open(path, encoding="utf-8").read()
def rep(m):
    msgid = m.group(1)
    if msgid in tr and m.group(2) == "":
        return f'msgid "{msgid}"\nmsgstr "{tr[msgid]}"'
    return m.group(0)
s = re.sub(r'msgid "(.+)"\nmsgstr "(.*)"', rep, s)
# plural forms
def rep_pl(m):
    msgid = m.group(1)
    if msgid in tr:
        return f'msgid "{msgid}"\nmsgid_plural "{m.group(2)}"\nmsgstr[0] "{tr[msgid]}"'
    return m.group(0)
s = re.sub(r'msgid "(.+)"\nmsgid_plural "(.+)"\nmsgstr\[0\] ""', rep_pl, s)
s = s.replace('"Plural-Forms: nplurals=1; plural=0;\\n"', '"Plural-Forms: nplurals=1; plural=0;\\n"')
s = s.replace("#, fuzzy\n", "", 1)
open(path, "w", encoding="utf-8").write(s)
