// The request → kubectl command guess covers the requests kubectl sends for everyday commands.
import { describe, expect, it } from 'vitest';
import { describeRequest, RequestDescriber } from './kubectl-command';

describe('describeRequest', () => {
  it('reads a namespaced list as kubectl get with -n', () => {
    const a = describeRequest('GET', '/api/v1/namespaces/prod/secrets?limit=500');
    expect(a).toMatchObject({ verb: 'list', resource: 'secrets', namespace: 'prod', name: '' });
    expect(a.command).toBe('kubectl get secrets -n prod');
  });

  it('reads a cluster-wide watch with a selector as kubectl get -A -l … -w', () => {
    const a = describeRequest('GET', '/apis/apps/v1/deployments?watch=true&labelSelector=app%3Dweb');
    expect(a.verb).toBe('watch');
    expect(a.command).toBe('kubectl get deployments -A -l app=web -w');
  });

  it('reads named get, delete and a client-side apply create', () => {
    expect(describeRequest('GET', '/api/v1/namespaces/a/secrets/db').command).toBe('kubectl get secrets db -n a');
    expect(describeRequest('DELETE', '/api/v1/namespaces/a/secrets/db').command).toBe('kubectl delete secrets db -n a');
    expect(describeRequest('POST', '/api/v1/namespaces/a/secrets?fieldManager=kubectl-client-side-apply').command).toBe(
      'kubectl apply -f … -n a',
    );
    expect(describeRequest('POST', '/api/v1/namespaces/a/secrets?fieldManager=kubectl-create').command).toBe(
      'kubectl create secrets -n a',
    );
  });

  it('records the command line of an exec, quoted for a shell', () => {
    const a = describeRequest(
      'POST',
      '/api/v1/namespaces/a/pods/web-1/exec?command=sh&command=-c&command=cat%20%2Fetc%2Fpasswd&stdout=true',
    );
    expect(a).toMatchObject({
      verb: 'exec',
      subresource: 'exec',
      name: 'web-1',
      execCommand: "sh -c 'cat /etc/passwd'",
    });
    expect(a.command).toBe("kubectl exec web-1 -n a -- sh -c 'cat /etc/passwd'");
  });

  it('names reviews, discovery, logs -f and the namespace object', () => {
    expect(describeRequest('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews').command).toBe(
      'kubectl auth whoami',
    );
    expect(describeRequest('GET', '/apis').command).toBe('kubectl api-resources (discovery)');
    expect(describeRequest('GET', '/api/v1/namespaces/a/pods/p/log?follow=true').command).toBe(
      'kubectl logs p -n a -f',
    );
    expect(describeRequest('GET', '/api/v1/namespaces/prod')).toMatchObject({
      verb: 'get',
      resource: 'namespaces',
      name: 'prod',
      command: 'kubectl get namespaces prod',
    });
  });

  it('describes a repeated request once, tells methods apart, and starts over when its memory is full', () => {
    const describer = new RequestDescriber(2);
    const list = describer.describe('GET', '/api/v1/namespaces/a/secrets');
    expect(list).toEqual(describeRequest('GET', '/api/v1/namespaces/a/secrets'));
    expect(describer.describe('GET', '/api/v1/namespaces/a/secrets')).toBe(list);
    expect(describer.describe('DELETE', '/api/v1/namespaces/a/secrets').command).toBe(
      'kubectl delete secrets -n a --all',
    );
    describer.describe('GET', '/api/v1/namespaces/b/secrets');
    const again = describer.describe('GET', '/api/v1/namespaces/a/secrets');
    expect(again).not.toBe(list);
    expect(again).toEqual(list);
  });
});
