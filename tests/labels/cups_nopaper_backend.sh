#!/bin/sh
# A CUPS backend for the tests: a printer that is out of paper. It reports the state the way a
# real backend does (STATE: +media-empty-error) and stops the queue (exit 4).
if [ $# -eq 0 ]; then echo 'direct wmsnopaper "Unknown" "WMS test printer out of paper"'; exit 0; fi
cat > /dev/null
echo "STATE: +media-empty-error" >&2
echo "ERROR: Out of paper" >&2
exit 4
