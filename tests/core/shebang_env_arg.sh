#!/usr/bin/env sh
# shebang_env_arg: a #! line with an argument (/usr/bin/env sh): the
# interpreter gets "sh" as its one argument, then the script path.
echo "env-launched script, arguments: $*"
case "$0" in
*shebang_env_arg.sh) echo "\$0 names the script" ;;
*) echo "\$0 is wrong: $0" ;;
esac
