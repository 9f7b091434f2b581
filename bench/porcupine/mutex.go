package main

import "github.com/anishathalye/porcupine"

// mutexModel is a lock: acquire takes it when free, release frees it when held (Knossos' mutex).
var mutexModel = porcupine.Model{
	Init: func() interface{} { return false },
	Step: func(state, input, output interface{}) (bool, interface{}) {
		held, acquire, indeterminate := state.(bool), input.(string) == "acquire", output.(bool)
		if acquire == held {
			return indeterminate, held // acquiring a held lock, releasing a free one
		}
		return true, acquire
	},
}

// mutexCall keeps the calls that happened or may have: a failed acquire or release did not (Knossos' rules).
func mutexCall(invoke, done *op, r rules) (interface{}, interface{}, bool) {
	if invoke.f != "acquire" && invoke.f != "release" {
		return nil, nil, false
	}
	return invoke.f, done == nil, done == nil || done.typ == "ok"
}
