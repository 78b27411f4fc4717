package casefile

import "testing"

func TestWorkflowURL(t *testing.T) {
	for _, tt := range []struct{ ui, ns, id, want string }{
		{"", "default", "recovery/1/FA-1", ""},
		{"http://localhost:8233", "", "recovery/1/FA-1", "http://localhost:8233/namespaces/default/workflows/recovery%2F1%2FFA-1"},
		{"http://ui", "prod", "recovery/2/FA 7", "http://ui/namespaces/prod/workflows/recovery%2F2%2FFA%207"},
	} {
		if got := WorkflowURL(tt.ui, tt.ns, tt.id); got != tt.want {
			t.Errorf("WorkflowURL(%q, %q, %q) = %q, want %q", tt.ui, tt.ns, tt.id, got, tt.want)
		}
	}
}
