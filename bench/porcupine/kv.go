package main

import (
	"hash/fnv"
	"regexp"
	"sort"

	"github.com/anishathalye/porcupine"
)

type kvInput struct {
	f, key, value string // f: get, put, append
}

// kvModel is one key's string value, as in Porcupine's own kv test: the history is partitioned by key.
var kvModel = porcupine.Model{
	PartitionEvent: func(history []porcupine.Event) [][]porcupine.Event {
		byKey := map[string][]porcupine.Event{}
		keyOf := map[int]string{}
		for _, e := range history {
			if e.Kind == porcupine.CallEvent {
				keyOf[e.Id] = e.Value.(kvInput).key
			}
			byKey[keyOf[e.Id]] = append(byKey[keyOf[e.Id]], e)
		}
		keys := make([]string, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([][]porcupine.Event, len(keys))
		for i, k := range keys {
			parts[i] = byKey[k]
		}
		return parts
	},
	Init: func() interface{} { return "" },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		st, in := state.(string), input.(kvInput)
		switch in.f {
		case "get":
			out, read := output.(string)
			return !read || out == st, st
		case "put":
			return true, in.value
		}
		return true, st + in.value
	},
	Hash: func(state interface{}) uint64 {
		h := fnv.New64a()
		h.Write([]byte(state.(string)))
		return h.Sum64()
	},
}

// kvLine is one line of Porcupine's kv format: {:process 4, :type :ok, :f :append, :key "1", :value "x 4 0 y"}.
var kvLine = regexp.MustCompile(`\{:process (\d+), :type :(\w+), :f :(\w+), :key "(.*)", :value (nil|"(.*)")\}`)

func parseKv(file string) ([]porcupine.Event, error) {
	var ops []op
	err := eachLine(file, func(line string) error {
		if m := kvLine.FindStringSubmatch(line); m != nil {
			var value interface{}
			if m[5] != "nil" {
				value = m[6]
			}
			ops = append(ops, op{process: m[1], typ: m[2], f: m[3], key: m[4], value: value})
		}
		return nil
	})
	return events(ops, rules{}, kvCall), err
}

// kvCall: a get's output is the string it read; an indeterminate get accepts any state (output nil).
func kvCall(invoke, done *op, r rules) (interface{}, interface{}, bool) {
	value, _ := invoke.value.(string)
	in := kvInput{f: invoke.f, key: invoke.key, value: value}
	if done == nil {
		return in, nil, true
	}
	if done.typ != "ok" {
		return in, nil, false
	}
	read, _ := done.value.(string)
	return in, read, true
}
