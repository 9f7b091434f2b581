// Command porcupine runs Porcupine (github.com/anishathalye/porcupine) on one history file, so that chaoskeeper's
// bench can time it side by side with its own checker (PORCUPINE_CMD). It is a benchmark tool, not part of
// chaoskeeper.
//
//	porcupine [-runs 5] [-limit 60s] [-probe 1.5s] MODEL FILE
//
// MODEL is kv, cas-register or mutex; the file's format is told from its content (see history.go). It prints one
// line, "VERDICT MILLISECONDS": valid, invalid or unknown, and the median of the timed runs. A first run with the
// probe limit tells whether the history is decided quickly at all; one that is not prints "unknown" with that
// run's time, so a hard history costs seconds, not minutes. Then as many warm-up runs as timed runs, as the JVM
// side is timed warm too. With -runs 0 the first run is the answer: a fresh process's check, for cold starts.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/anishathalye/porcupine"
)

func main() {
	runs := flag.Int("runs", 5, "timed runs, after as many warm-up runs; 0: print the first run (a cold start)")
	limit := flag.Duration("limit", 60*time.Second, "time limit of each timed run")
	probe := flag.Duration("probe", 1500*time.Millisecond, "time limit of the first run")
	flag.Parse()
	if flag.NArg() != 2 || *runs < 0 {
		fmt.Fprintln(os.Stderr, "usage: porcupine [-runs N] [-limit D] [-probe D] MODEL FILE")
		os.Exit(2)
	}
	model, events, err := load(flag.Arg(0), flag.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, "porcupine: "+err.Error())
		os.Exit(2)
	}
	verdict, millis := timed(model, events, *probe)
	if verdict == porcupine.Unknown || *runs == 0 {
		fmt.Printf("%s %.3f\n", words[verdict], millis)
		return
	}
	for i := 0; i < *runs; i++ {
		porcupine.CheckEventsTimeout(model, events, *limit)
	}
	times := make([]float64, *runs)
	for i := range times {
		verdict, times[i] = timed(model, events, *limit)
	}
	sort.Float64s(times)
	fmt.Printf("%s %.3f\n", words[verdict], times[*runs/2])
}

var words = map[porcupine.CheckResult]string{
	porcupine.Ok: "valid", porcupine.Illegal: "invalid", porcupine.Unknown: "unknown"}

func timed(model porcupine.Model, events []porcupine.Event, limit time.Duration) (porcupine.CheckResult, float64) {
	start := time.Now()
	verdict := porcupine.CheckEventsTimeout(model, events, limit)
	return verdict, float64(time.Since(start).Nanoseconds()) / 1e6
}
