package casefile

import "net/url"

// WorkflowURL links to a case's workflow in the Temporal Web UI at uiURL
// (empty: no link), in namespace ("default" when empty). The workflow ID
// holds slashes (recovery/<creditor>/<number>), so it is escaped as one
// path segment. Staff only: the UI shows every workflow of every creditor.
func WorkflowURL(uiURL, namespace, workflowID string) string {
	if uiURL == "" {
		return ""
	}
	if namespace == "" {
		namespace = "default"
	}
	return uiURL + "/namespaces/" + url.PathEscape(namespace) + "/workflows/" + url.PathEscape(workflowID)
}
