package recovery

import (
	"encoding/json"
	"fmt"
)

// Channels a step can use.
const (
	ChannelEmail            = "email"
	ChannelLetter           = "letter"
	ChannelRegisteredLetter = "registered_letter"
	ChannelPhoneTask        = "phone_task"
	ChannelInternalTask     = "internal_task"
)

// AnchorDueDate makes a step's delay count from the invoice's due date;
// any other anchor names an earlier step, whose date the delay counts from.
const AnchorDueDate = "due_date"

// Step is one action of a scenario.
type Step struct {
	Name         string            `json:"name"`          // stable key, part of idempotency keys
	Label        string            `json:"label"`         // French, shown on the timeline
	Anchor       string            `json:"anchor"`        // "due_date" or the name of an earlier step
	DelayDays    int               `json:"delay_days"`    // calendar days after the anchor (negative: before)
	Channels     []string          `json:"channels"`      // in the order they are sent
	Templates    map[string]string `json:"templates"`     // channel → template key
	Level        int               `json:"level"`         // level the case reaches with this step
	NeedsPerson  bool              `json:"needs_person"`  // a task for a person rather than a sending
	DeadlineDays int               `json:"deadline_days"` // payment deadline given by this step (formal demand)
	FormalDemand bool              `json:"formal_demand"` // the mise en demeure: its deadline leads to litigation
}

// Scenario is a versioned list of steps. A case runs the version it started
// with; a new version only affects cases started after it.
type Scenario struct {
	ID      uint   `json:"id"`
	Name    string `json:"name"`
	Version int    `json:"version"`
	Steps   []Step `json:"steps"`
}

// DefaultScenario follows French practice: a courteous reminder before the
// due date, two reminder levels with a call between them, then the formal
// demand by registered letter whose deadline opens litigation.
func DefaultScenario() Scenario {
	tpl := func(step string, channels ...string) map[string]string {
		m := make(map[string]string, len(channels))
		for _, c := range channels {
			m[c] = step + "." + c
		}
		return m
	}
	return Scenario{Name: "default", Version: 1, Steps: []Step{
		{Name: "pre_due", Label: "Rappel avant échéance", Anchor: AnchorDueDate, DelayDays: -10,
			Channels: []string{ChannelEmail}, Templates: tpl("pre_due", ChannelEmail), Level: 0},
		{Name: "level1", Label: "Relance de niveau 1", Anchor: AnchorDueDate, DelayDays: 3,
			Channels: []string{ChannelEmail, ChannelLetter}, Templates: tpl("level1", ChannelEmail, ChannelLetter), Level: 1},
		{Name: "call1", Label: "Appel du débiteur", Anchor: "level1", DelayDays: 7,
			Channels: []string{ChannelPhoneTask}, Templates: tpl("call1", ChannelPhoneTask), Level: 1, NeedsPerson: true},
		{Name: "level2", Label: "Relance de niveau 2", Anchor: "level1", DelayDays: 10,
			Channels: []string{ChannelEmail, ChannelLetter}, Templates: tpl("level2", ChannelEmail, ChannelLetter), Level: 2},
		{Name: "formal_demand", Label: "Mise en demeure", Anchor: AnchorDueDate, DelayDays: 30,
			Channels: []string{ChannelRegisteredLetter, ChannelEmail}, Templates: tpl("formal_demand", ChannelRegisteredLetter, ChannelEmail),
			Level: 3, DeadlineDays: 8, FormalDemand: true},
	}}
}

// Validate checks that a scenario can run: unique step names, anchors that
// name earlier steps, known channels, levels that never go down.
func (s Scenario) Validate() error {
	if len(s.Steps) == 0 {
		return fmt.Errorf("scenario %q has no step", s.Name)
	}
	seen := map[string]bool{}
	level := 0
	for i, st := range s.Steps {
		where := fmt.Sprintf("scenario %q step %d (%s)", s.Name, i+1, st.Name)
		switch {
		case st.Name == "" || st.Name == AnchorDueDate:
			return fmt.Errorf("%s: a step needs a name other than %q", where, AnchorDueDate)
		case seen[st.Name]:
			return fmt.Errorf("%s: name used twice", where)
		case st.Anchor != AnchorDueDate && !seen[st.Anchor]:
			return fmt.Errorf("%s: anchor %q is neither due_date nor an earlier step", where, st.Anchor)
		case len(st.Channels) == 0:
			return fmt.Errorf("%s: no channel", where)
		case st.Level < level:
			return fmt.Errorf("%s: level %d is below the previous step's %d", where, st.Level, level)
		case st.FormalDemand && st.DeadlineDays <= 0:
			return fmt.Errorf("%s: a formal demand needs a payment deadline in days", where)
		}
		for _, c := range st.Channels {
			switch c {
			case ChannelEmail, ChannelLetter, ChannelRegisteredLetter, ChannelPhoneTask, ChannelInternalTask:
			default:
				return fmt.Errorf("%s: unknown channel %q", where, c)
			}
		}
		seen[st.Name] = true
		level = st.Level
	}
	return nil
}

// ParseSteps reads the JSON steps of a stored scenario and validates them.
func ParseSteps(name string, version int, stepsJSON string) (Scenario, error) {
	s := Scenario{Name: name, Version: version}
	if err := json.Unmarshal([]byte(stepsJSON), &s.Steps); err != nil {
		return s, fmt.Errorf("scenario %q v%d: steps are not valid JSON: %w", name, version, err)
	}
	return s, s.Validate()
}
