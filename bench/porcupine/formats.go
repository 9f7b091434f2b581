package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// errStop, returned by eachLine's fn, ends the walk early without an error.
var errStop = errors.New("stop")

// eachLine calls fn with every line of file, until fn returns an error (errStop ends it quietly).
func eachLine(file string, fn func(line string) error) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 1<<20), 1<<26)
	for lines.Scan() {
		if err := fn(lines.Text()); err == errStop {
			return nil
		} else if err != nil {
			return err
		}
	}
	return lines.Err()
}

// jepsenLine is a Jepsen log event; fields are separated by any run of blanks (tabs in some logs, spaces in others).
var jepsenLine = regexp.MustCompile(`^INFO\s+jepsen\.util\s+-\s+(\S+)\s+:(\w+)\s+:(\w+)\s+(.*?)\s*$`)

func parseJepsenLog(file string) ([]op, error) {
	var ops []op
	err := eachLine(file, func(line string) error {
		if m := jepsenLine.FindStringSubmatch(line); m != nil {
			ops = append(ops, op{process: m[1], typ: m[2], f: m[3], value: ednValue(m[4])})
		}
		return nil
	})
	return ops, err
}

// ednMap is one Jepsen op map; maps hold no nested map, so the first closing brace ends it.
var ednMap = regexp.MustCompile(`\{[^{}]*\}`)
var ednField = regexp.MustCompile(`:(process|type|f|value|index)\s+(\[[^\]]*\]|"[^"]*"|[^\s,}]+)`)

// parseEdn reads a Knossos history: a vector or list of op maps over any lines, ";" comments, nemesis ops
// skipped; :index orders the events when every one has it (Jepsen's history order), else the file does.
func parseEdn(file string) ([]op, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	text := regexp.MustCompile(`(?m);.*$`).ReplaceAllString(string(data), "")
	var ops []op
	var indexes []int
	for _, m := range ednMap.FindAllString(text, -1) {
		fields := map[string]string{}
		for _, f := range ednField.FindAllStringSubmatch(m, -1) {
			fields[f[1]] = f[2]
		}
		if fields["process"] == ":nemesis" {
			continue
		}
		ops = append(ops, op{process: fields["process"], typ: strings.TrimPrefix(fields["type"], ":"),
			f: strings.TrimPrefix(fields["f"], ":"), value: ednValue(fields["value"])})
		index, err := strconv.Atoi(fields["index"])
		if err != nil {
			indexes = nil
		}
		indexes = append(indexes, index)
	}
	if len(ops) == 0 {
		return nil, fmt.Errorf("%s holds no op maps", file)
	}
	return byIndex(ops, indexes), nil
}

// ednValue reads nil, an integer or a pair of integers; anything else is kept as its text.
func ednValue(text string) interface{} {
	if n, err := strconv.Atoi(text); err == nil {
		return n
	}
	if pair := strings.Fields(strings.Trim(text, "[]")); strings.HasPrefix(text, "[") && len(pair) == 2 {
		a, errA := strconv.Atoi(pair[0])
		b, errB := strconv.Atoi(pair[1])
		if errA == nil && errB == nil {
			return [2]int{a, b}
		}
	}
	if text == "nil" || text == "" {
		return nil
	}
	return text
}

func byIndex(ops []op, indexes []int) []op {
	if len(indexes) != len(ops) {
		return ops
	}
	sorted := make([]op, len(ops))
	for i, at := range indexes {
		if at < 0 || at >= len(ops) {
			return ops
		}
		sorted[at] = ops[i]
	}
	return sorted
}

// parseJsonLines reads chaoskeeper's own JSON Lines (one event a line, in index order).
func parseJsonLines(file string) ([]op, error) {
	var ops []op
	err := eachLine(file, func(line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		var e struct {
			Process json.Number `json:"process"`
			Type, F string
			Key     string
			Value   interface{}
		}
		decoder := json.NewDecoder(strings.NewReader(line))
		decoder.UseNumber()
		if err := decoder.Decode(&e); err != nil {
			return err
		}
		ops = append(ops, op{process: e.Process.String(), typ: e.Type, f: e.F, key: e.Key, value: jsonValue(e.Value)})
		return nil
	})
	return ops, err
}

func jsonValue(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		n, _ := strconv.Atoi(x.String())
		return n
	case []interface{}:
		if len(x) == 2 {
			a, _ := jsonValue(x[0]).(int)
			b, _ := jsonValue(x[1]).(int)
			if x[0] == nil {
				a = nilValue
			}
			return [2]int{a, b}
		}
	}
	return v
}
