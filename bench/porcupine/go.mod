module chaoskeeper/bench/porcupine

go 1.19

// bench/side-by-side.sh points this at a checkout of Porcupine (PORCUPINE_SRC) with a replace directive
require github.com/anishathalye/porcupine v0.0.0
