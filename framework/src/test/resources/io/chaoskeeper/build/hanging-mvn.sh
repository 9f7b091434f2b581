#!/bin/sh
# Stands in for mvn in ConsumerBuildTest: a build that never ends, to be stopped at the time limit. It follows its
# own file forever, so its command line names it and the test can see that it was stopped.
exec tail -f "$0"
