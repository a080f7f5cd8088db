// --command-config: a Java client.properties becomes kcon's SASL and TLS settings where it maps
// cleanly; anything else is refused with one line naming the property.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {clientSecurity, parseProperties, readClientProperties} from '../../../source/config/client-properties.js';
import {resolveSettings} from '../../../source/config/settings.js';
import {UsageError} from '../../../source/errors.js';

const props = (text: string) => clientSecurity(parseProperties(text), 'f');
const refused = (text: string, message: RegExp) =>
	assert.throws(() => props(text), (e: unknown) => e instanceof UsageError && message.test(e.message) && !e.message.includes('\n'));

test('the properties syntax: separators, comments, continuations, escapes', () => {
	const p = parseProperties('# c\n! c\n a=1\nb : 2\nc 3\nd=x\\\n   y\ne=\\u0041\\tB\nf\n');
	assert.deepEqual(Object.fromEntries(p), {a: '1', b: '2', c: '3', d: 'xy', e: 'A\tB', f: ''});
});

test('SASL_SSL with SCRAM and a PEM truststore', () => {
	const s = props(
		[
			'security.protocol=SASL_SSL',
			'sasl.mechanism=SCRAM-SHA-512',
			'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\',
			'    username="ops" password="p\\\\\\"w";',
			'ssl.truststore.type=PEM',
			'ssl.truststore.location=/etc/kafka/ca.pem',
		].join('\n'),
	);
	assert.deepEqual(s.sasl, {mechanism: 'scram-sha-512', username: 'ops', password: 'p"w'});
	assert.deepEqual(s.ssl, {rejectUnauthorized: true, ca: '/etc/kafka/ca.pem'});
});

test('SASL_PLAINTEXT with PLAIN; SSL with a PEM keystore; plaintext', () => {
	const plain = props('security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=u password="p";');
	assert.deepEqual(plain, {sasl: {mechanism: 'plain', username: 'u', password: 'p'}});
	const ssl = props('security.protocol=SSL\nssl.keystore.type=PEM\nssl.keystore.location=client.pem\nssl.key.password=k');
	assert.deepEqual(ssl.ssl, {rejectUnauthorized: true, cert: path.resolve('client.pem'), key: path.resolve('client.pem'), passphrase: 'k'});
	assert.deepEqual(props(''), {});
});

test('what kcon cannot honour is refused, naming the property', () => {
	refused('security.protocol=SSL\nssl.truststore.location=/x.jks', /ssl\.truststore\.type JKS is not supported; kcon takes PEM/);
	refused('security.protocol=SASL_SSL\nsasl.jaas.config=x required;', /sasl\.mechanism GSSAPI \(the default\) is not supported/);
	refused('security.protocol=SASL_SSL\nsasl.mechanism=OAUTHBEARER', /sasl\.mechanism OAUTHBEARER is not supported/);
	refused('security.protocol=SASL_SSL\nsasl.mechanism=PLAIN', /sasl\.jaas\.config is required/);
	refused('security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="a" password="b";', /needs org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule/);
	refused('security.protocol=SSL\nssl.endpoint.identification.algorithm=', /property ssl\.endpoint\.identification\.algorithm is not supported/);
	refused('ssl.truststore.type=PEM', /ssl\.truststore\.type needs security\.protocol SSL or SASL_SSL/);
	refused('security.protocol=SASL_SSL_X', /security\.protocol must be/);
	refused('client.id=x', /property client\.id is not supported/);
});

test('a file: read bounded, mapped into the same Settings as the config file, over a context', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-props-'));
	try {
		const file = path.join(dir, 'client.properties');
		fs.writeFileSync(file, 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="a" password="b";\n');
		const config = path.join(dir, 'config.json');
		fs.writeFileSync(config, JSON.stringify({contexts: {prod: {brokers: 'k:9093', tls: true, sasl: {mechanism: 'plain', username: 'x', password: 'y'}}}}));
		const s = resolveSettings({'bootstrap-server': 'h:1', 'command-config': file}, {env: {}});
		assert.deepEqual(s.brokers, ['h:1']);
		assert.deepEqual(s.sasl, {mechanism: 'scram-sha-256', username: 'a', password: 'b'});
		const c = resolveSettings({context: 'prod', config, 'command-config': file}, {env: {}});
		assert.deepEqual(c.brokers, ['k:9093']);
		assert.equal(c.sasl?.username, 'a');
		assert.equal(c.ssl, undefined, 'the file asks for no TLS');
		fs.writeFileSync(file, 'x=' + 'y'.repeat(1024 * 1024));
		assert.throws(() => readClientProperties(file), /is larger than 1 MiB/);
		assert.throws(() => readClientProperties(path.join(dir, 'none')), /cannot read --command-config .* \(ENOENT\)/);
		assert.throws(() => resolveSettings({lab: true, 'command-config': file}), /--command-config cannot be combined with --lab/);
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});
