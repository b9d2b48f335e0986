// The Kubernetes client's API classes that code above kube loads on first use (a named re-export, so the bundle keeps only these).
export { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
