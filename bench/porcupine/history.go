package main

import (
	"fmt"
	"strings"

	"github.com/anishathalye/porcupine"
)

// op is one history event as the formats give it: an invocation or a completion of a call by a process.
type op struct {
	process string
	typ     string      // invoke, ok, fail, info
	f       string      // read, write, cas, get, put, append, acquire, release
	key     string      // the partition (kv key, JSON Lines key), "" when there is one
	value   interface{} // nil, int, [2]int or string
}

// rules are how a source's histories are meant (the verdicts in ../shared/fixtures hold only under them).
type rules struct {
	failedCasObserves bool // a failed cas saw another value (etcd, JSON Lines); otherwise it did not happen (Knossos)
	nilReadMatchesAny bool // Knossos: a read of nil means the value is unknown
	initial           int  // the register's value at the start (nilValue: nothing written yet)
}

// load reads FILE for MODEL into Porcupine events, telling the format from the content.
func load(model, file string) (porcupine.Model, []porcupine.Event, error) {
	head, err := firstLine(file)
	if err != nil {
		return porcupine.Model{}, nil, err
	}
	switch {
	case model == "kv":
		events, err := parseKv(file)
		return kvModel, events, err
	case model == "mutex":
		ops, err := parseEdn(file)
		return mutexModel, events(ops, rules{}, mutexCall), err
	case model != "cas-register":
		return porcupine.Model{}, nil, fmt.Errorf("unknown model %q (kv, cas-register or mutex)", model)
	case strings.Contains(head, "jepsen.util"):
		ops, err := parseJepsenLog(file)
		return registerModel(nilValue), events(ops, rules{true, false, nilValue}, registerCall), err
	case strings.HasPrefix(head, "{\""):
		ops, err := parseJsonLines(file)
		model := registerModel(nilValue)
		model.PartitionEvent = byRegister
		return model, events(ops, rules{true, false, nilValue}, registerCall), err
	default:
		ops, err := parseEdn(file)
		return registerModel(0), events(ops, rules{false, true, 0}, registerCall), err
	}
}

// firstLine is the file's first line that is neither blank nor an EDN comment.
func firstLine(file string) (string, error) {
	head := ""
	err := eachLine(file, func(line string) error {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, ";") {
			head = line
			return errStop
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if head == "" {
		return "", fmt.Errorf("%s holds no events", file)
	}
	return head, nil
}
