#!/bin/sh
# usage: check-core-includes.sh NINJA BUILD_DIR
# Fails when any object file of faultline_core depends on a header under QtWidgets/, as
# recorded by Ninja's dependency log (every header the compiler read, in any include form).
set -u
"$1" -C "$2" -t deps | awk '
    /^[^ \t]/ { core = ($1 ~ /faultline_core\.dir\//); if (core) objects++; next }
    core && /\/QtWidgets\// { print "faultline_core includes a widgets header: " $1; bad = 1 }
    END {
        if (objects == 0) { print "no faultline_core objects in the dependency log; build first"; exit 1 }
        if (!bad) print objects " faultline_core objects, none includes a widgets header"
        exit bad
    }'
