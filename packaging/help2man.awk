# Turns the output of `faultline --help` into the faultline(1) manual page (roff), so that the
# page and the help text cannot drift apart: the build runs the built binary and this script.
# POSIX awk (mawk or gawk). Variables, given with -v:
#   version  the program version, printed in the page footer
#   date     the release date (YYYY-MM-DD), printed in the page footer
#   summary  the one-line description for the NAME section (its first letter is lowered)
#
# What the help text may hold, block by block (blocks are separated by blank lines):
#   "Usage: faultline ARGS   [what it does]", then indented "faultline ARGS   [what it does]"
#       lines: the SYNOPSIS, and one COMMANDS subsection per line. The command is the first
#       lower-case word of ARGS outside brackets that is not an option; "what it does" is text
#       after two or more spaces that starts with two lower-case words.
#   "HEADING:" alone on its first line, then "  TERM   description" lines (a deeper-indented
#       line without a term continues the description; an unindented line is a paragraph):
#       a section named HEADING, or the body of the command named HEADING (as in "import:").
#   "Label: text" (as in "Exit codes: 0 success; 1 ..."): a section named Label; "Exit codes"
#       becomes EXIT STATUS, and "N meaning; N meaning" becomes a list of codes.
#   any other block: a paragraph of the DESCRIPTION.

function trim(s) {
    sub(/^[ \t]+/, "", s)
    sub(/[ \t]+$/, "", s)
    return s
}

# Escapes roff and sets options (--db) in bold; a comma followed by a letter may break the line.
function prose(s,    out, word) {
    gsub(/\\/, "\\e", s)
    out = ""
    while (match(s, /(^|[ (\[])--?[A-Za-z][A-Za-z0-9-]*/)) {
        word = substr(s, RSTART, RLENGTH)
        out = out substr(s, 1, RSTART - 1)
        if (word !~ /^-/) {
            out = out substr(word, 1, 1)
            word = substr(word, 2)
        }
        gsub(/-/, "\\-", word)
        out = out "\\fB" word "\\fR"
        s = substr(s, RSTART + RLENGTH)
    }
    out = out s
    gsub(/,/, ",\\:", out)
    gsub(/,\\: /, ", ", out)
    if (out ~ /^[.']/)
        out = "\\&" out
    return out
}

# Command syntax: options and literal words in bold, upper-case placeholders in italics.
function syntax(s,    out, word) {
    gsub(/\\/, "\\e", s)
    out = ""
    while (match(s, /[A-Za-z0-9_-]+/)) {
        out = out substr(s, 1, RSTART - 1)
        word = substr(s, RSTART, RLENGTH)
        s = substr(s, RSTART + RLENGTH)
        if (word ~ /^[A-Z][A-Z0-9_]*$/) {
            out = out "\\fI" word "\\fR"
        } else {
            gsub(/-/, "\\-", word)
            out = out "\\fB" word "\\fR"
        }
    }
    out = out s
    gsub(/,/, ",\\:", out)
    gsub(/,\\: /, ", ", out)
    if (out ~ /^[.']/)
        out = "\\&" out
    return out
}

function commandOf(syn,    n, i, t, depth, tok) {
    n = split(syn, tok, / +/)
    depth = 0
    for (i = 2; i <= n; ++i) {
        t = tok[i]
        if (depth == 0 && t ~ /^[a-z][a-z0-9-]*$/)
            return t
        depth += gsub(/\[/, "[", t) - gsub(/\]/, "]", t)
    }
    return ""
}

function parseUsage(b,    i, s, syn, what, rest, cut) {
    for (i = 1; i <= nlines[b]; ++i) {
        s = line[b, i]
        if (i == 1)
            sub(/^Usage:/, "", s)
        s = trim(s)
        syn = s
        what = ""
        rest = s
        cut = 0
        while (match(rest, /  +/)) {
            cut += RSTART + RLENGTH - 1
            rest = substr(rest, RSTART + RLENGTH)
        }
        if (cut > 0 && rest ~ /^[a-z]+ [a-z(]/) {
            syn = trim(substr(s, 1, cut))
            what = rest
        }
        gsub(/ +/, " ", syn)
        nusage++
        usageSyntax[nusage] = syn
        usageWhat[nusage] = what
        usageCommand[nusage] = commandOf(syn)
    }
}

# Prints the body of a "HEADING:" block (lines 2 onwards) as roff.
function printBody(b,    i, l, ind, t, open, term, what) {
    open = 0
    for (i = 2; i <= nlines[b]; ++i) {
        l = line[b, i]
        match(l, /[^ \t]/)
        ind = RSTART - 1
        t = trim(l)
        if (ind > 0 && match(t, /  +/)) {
            term = substr(t, 1, RSTART - 1)
            what = trim(substr(t, RSTART + RLENGTH))
            print ".TP"
            print syntax(term)
            print prose(what)
            open = 1
        } else if (ind > 0 && open) {
            print prose(t)
        } else {
            print ".PP"
            print prose(t)
            open = 0
        }
    }
}

function printLabelled(b,    i, text, label, code) {
    text = ""
    for (i = 1; i <= nlines[b]; ++i)
        text = text " " trim(line[b, i])
    text = trim(text)
    label = substr(text, 1, index(text, ":") - 1)
    text = trim(substr(text, index(text, ":") + 1))
    if (label ~ /^[Ee]xit (codes|status)$/)
        label = "exit status"
    print ".SH " toupper(label)
    if (text !~ /^[0-9]+ /) {
        print prose(text)
        return
    }
    sub(/\.$/, "", text)
    while (text != "") {
        if (match(text, /; *[0-9]+ /)) {
            code = substr(text, 1, RSTART - 1)
            text = trim(substr(text, RSTART + 1))
        } else {
            code = text
            text = ""
        }
        print ".TP"
        print ".B " substr(code, 1, index(code, " ") - 1)
        print prose(trim(substr(code, index(code, " ") + 1)))
    }
}

{
    sub(/\r$/, "")
    if ($0 ~ /^[ \t]*$/) {
        inblock = 0
        next
    }
    if (!inblock) {
        ++nblocks
        nlines[nblocks] = 0
        inblock = 1
    }
    line[nblocks, ++nlines[nblocks]] = $0
}

END {
    for (b = 1; b <= nblocks; ++b) {
        first = line[b, 1]
        if (first ~ /^Usage:/) {
            kind[b] = "usage"
            parseUsage(b)
        } else if (first ~ /^[A-Za-z][A-Za-z0-9 -]*:$/) {
            kind[b] = "heading"
            name = first
            sub(/:$/, "", name)
            headingBlock[tolower(name)] = b
        } else if (first ~ /^[A-Z][A-Za-z ]*: /) {
            kind[b] = "labelled"
        } else {
            kind[b] = "text"
        }
    }
    if (nusage == 0) {
        print "help2man.awk: no \"Usage:\" block in the help text" > "/dev/stderr"
        exit 1
    }

    print ".\\\" Generated from the output of 'faultline --help' by packaging/help2man.awk: edit the"
    print ".\\\" help text in the program, not this page."
    print ".TH FAULTLINE 1 \"" date "\" \"Faultline " version "\" \"User Commands\""
    # Ragged right, no hyphenation: the page is full of paths, options and lists of keys.
    print ".ad l"
    print ".nh"
    print ".SH NAME"
    # whatis style: "faultline - offline timeline...", unless the first word is an acronym
    if (summary ~ /^[A-Z][a-z]/)
        summary = tolower(substr(summary, 1, 1)) substr(summary, 2)
    print "faultline \\- " summary
    print ".SH SYNOPSIS"
    for (u = 1; u <= nusage; ++u) {
        print (u == 1 ? ".PP" : ".br")
        print syntax(usageSyntax[u])
    }
    print ".SH DESCRIPTION"
    for (b = 1; b <= nblocks; ++b) {
        if (kind[b] != "text")
            continue
        text = ""
        for (i = 1; i <= nlines[b]; ++i)
            text = text " " trim(line[b, i])
        print ".PP"
        print prose(trim(text))
    }
    print ".SH COMMANDS"
    for (u = 1; u <= nusage; ++u) {
        command = usageCommand[u]
        title = command
        if (title == "") {
            title = usageSyntax[u]
            sub(/^[^ ]+ /, "", title)
        }
        gsub(/"/, "", title)
        gsub(/-/, "\\-", title)
        print ".SS \"" title "\""
        print ".PP"
        print syntax(usageSyntax[u])
        if (usageWhat[u] != "") {
            print ".PP"
            print prose(toupper(substr(usageWhat[u], 1, 1)) substr(usageWhat[u], 2) ".")
        }
        # A command with two usage lines (export, import) gets its options once, after the first.
        if (command != "" && (command in headingBlock) && !(headingBlock[command] in printed)) {
            printBody(headingBlock[command])
            printed[headingBlock[command]] = 1
        }
    }
    for (b = 1; b <= nblocks; ++b) {
        if (kind[b] == "heading" && !(b in printed)) {
            name = line[b, 1]
            sub(/:$/, "", name)
            print ".SH " toupper(name)
            printBody(b)
        } else if (kind[b] == "labelled") {
            printLabelled(b)
        }
    }
}
