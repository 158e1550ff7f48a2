# Workload for real_sed.vgtest: extended regexes, back-references, the
# hold space, y///, ranges and line addresses.
/^[A-Z]/{
    s/^([A-Z])([a-z]*) ([a-z]+) ([0-9]+)$/\4:\3:\2\1/
    y/abcdefghij/ABCDEFGHIJ/
}
s/(ka|lo|mi)+/[&]/g
/caf. na.ve/{
    h
    s/\t.*//
    G
    s/\n/ <- /
}
100,120d
$!{
    /^x/s/$/ (x)/
}
