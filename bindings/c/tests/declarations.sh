# Sourced by the header tests: the functions poura.h declares, one a line:
#   <name>|<version>|<replacement, for a deprecated name>|<parameters>
# Comments and preprocessor lines are set aside first, so only declarations,
# each opening with POURA_SINCE(n), are read.
declarations() {
  perl -0777 -ne '
    s{/\*.*?\*/}{}gs;
    s/^\s*#.*$//mg;
    s/\s+/ /g;
    while (/POURA_SINCE\((\w+)\) (?:POURA_DEPRECATED\((\w+)\) )?[^;(]*?\b(poura_\w+)\(([^;]*?)\);/g) {
      print join("|", $3, $1, $2 // "", $4), "\n";
    }' "$1"
}

# POURA_API_VERSION as poura.h defines it.
api_version() {
  sed -n 's/^#define POURA_API_VERSION \([0-9][0-9]*\)$/\1/p' "$1"
}
