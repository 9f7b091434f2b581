package main

import "github.com/anishathalye/porcupine"

// callMaker turns a call's invocation and completion into the model's input and output; done is nil when the
// call is indeterminate, and keep is false for a call that did not happen under the rules.
type callMaker func(invoke, done *op, r rules) (input, output interface{}, keep bool)

// events pairs each process's invocation with its next completion and lays the calls out as Porcupine events in
// history order. Indeterminate calls (info, or never completed) return after everything else, with an output that
// any state accepts, as Porcupine's own etcd test does.
func events(ops []op, r rules, makeCall callMaker) []porcupine.Event {
	completion := completions(ops)
	returns := map[int]porcupine.Event{} // completion index -> its return event
	clients := map[string]int{}
	var out, late []porcupine.Event
	for i := range ops {
		if ret, ok := returns[i]; ok {
			out = append(out, ret)
		}
		if ops[i].typ != "invoke" {
			continue
		}
		var done *op
		if completion[i] >= 0 {
			done = &ops[completion[i]]
		}
		input, output, keep := makeCall(&ops[i], done, r)
		if !keep {
			continue
		}
		client := clientId(clients, ops[i].process)
		id := len(out) + len(late) // unique: every call adds at least its call event
		out = append(out, porcupine.Event{ClientId: client, Kind: porcupine.CallEvent, Value: input, Id: id})
		ret := porcupine.Event{ClientId: client, Kind: porcupine.ReturnEvent, Value: output, Id: id}
		if done == nil {
			late = append(late, ret)
		} else {
			returns[completion[i]] = ret
		}
	}
	return append(out, late...)
}

// completions maps each invocation's index to its completion's, or -1 when it has none or ends in info.
func completions(ops []op) []int {
	completion := make([]int, len(ops))
	pending := map[string]int{}
	for i := range ops {
		completion[i] = -1
		if ops[i].typ == "invoke" {
			pending[ops[i].process] = i
			continue
		}
		if at, ok := pending[ops[i].process]; ok && ops[i].typ != "info" {
			completion[at] = i
		}
		delete(pending, ops[i].process)
	}
	return completion
}

func clientId(clients map[string]int, process string) int {
	if id, ok := clients[process]; ok {
		return id
	}
	clients[process] = len(clients)
	return clients[process]
}
