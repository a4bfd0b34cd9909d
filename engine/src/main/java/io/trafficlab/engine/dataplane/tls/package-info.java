/**
 * TLS for gateway listeners: self-signed certificates (BouncyCastle) per Gateway credentialName,
 * SNI-based server contexts, and client contexts for the synthetic client.
 */
package io.trafficlab.engine.dataplane.tls;
