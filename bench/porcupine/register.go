package main

import "github.com/anishathalye/porcupine"

// nilValue is the register's state before anything was written (etcd and JSON Lines histories).
const nilValue = -1 << 62

type registerInput struct {
	key      string // the register (JSON Lines histories hold several)
	f        string // read, write, cas
	from, to int    // write's value is from
}

type registerOutput struct {
	ok    bool // cas: it took effect (false: a failed cas that observed another value)
	value int  // read
	any   bool // an indeterminate call, or a Knossos read of nil: any state accepts it
}

// registerModel is a compare-and-set register starting at initial.
func registerModel(initial int) porcupine.Model {
	return porcupine.Model{
		Init: func() interface{} { return initial },
		Step: func(state, input, output interface{}) (bool, interface{}) {
			st, in, out := state.(int), input.(registerInput), output.(registerOutput)
			switch in.f {
			case "read":
				return out.any || out.value == st, st
			case "write":
				return true, in.from
			}
			if out.any || out.ok {
				if st == in.from {
					return true, in.to
				}
				return out.any, st
			}
			return st != in.from, st
		},
	}
}

// registerCall reads a register call under r; fails that do not observe, and failed reads, did not happen.
func registerCall(invoke, done *op, r rules) (interface{}, interface{}, bool) {
	in := registerInput{key: invoke.key, f: invoke.f}
	switch v := invoke.value.(type) {
	case int:
		in.from = v
	case [2]int:
		in.from, in.to = v[0], v[1]
	}
	if done == nil {
		return in, registerOutput{any: true}, true
	}
	if done.typ == "fail" {
		return in, registerOutput{ok: false}, invoke.f == "cas" && r.failedCasObserves
	}
	out := registerOutput{ok: true}
	if invoke.f == "read" {
		switch v := done.value.(type) {
		case int:
			out.value = v
		case nil:
			out.value, out.any = nilValue, r.nilReadMatchesAny
		}
	}
	return in, out, true
}

// byRegister partitions a history of several registers by key.
func byRegister(history []porcupine.Event) [][]porcupine.Event {
	byKey := map[string][]porcupine.Event{}
	keyOf := map[int]string{}
	var keys []string
	for _, e := range history {
		if e.Kind == porcupine.CallEvent {
			keyOf[e.Id] = e.Value.(registerInput).key
		}
		if _, seen := byKey[keyOf[e.Id]]; !seen {
			keys = append(keys, keyOf[e.Id])
		}
		byKey[keyOf[e.Id]] = append(byKey[keyOf[e.Id]], e)
	}
	parts := make([][]porcupine.Event, len(keys))
	for i, k := range keys {
		parts[i] = byKey[k]
	}
	return parts
}
