import { join } from 'node:path';
import { RegistryAction } from '@geo/contracts';
import {
  buildImage,
  type NatsServer,
  type Registry,
  skopeoCopy,
  startNats,
  startRegistry,
  type TempDir,
  tempDir,
  waitFor,
} from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestService, SECRET, startIngest, storedEvents } from './service.test-helpers.js';

describe('notification-ingest behind a real docker-registry', () => {
  let nats: NatsServer;
  let ingest: IngestService;
  let registry: Registry;
  let work: TempDir;

  beforeAll(async () => {
    nats = await startNats();
    ingest = await startIngest(nats.url);
    registry = await startRegistry({ notifications: { url: ingest.eventsUrl, secret: SECRET } });
    work = await tempDir('geo-ingest-image-');
  });

  afterAll(async () => {
    await registry?.stop();
    await ingest?.process.stop();
    await nats?.stop();
    await work?.remove();
  });

  it('stores the push event of a tag pushed with skopeo, and none of its blobs', async () => {
    const image = await buildImage({ layout: join(work.path, 'layout'), tag: 'v1' });

    await skopeoCopy(image.reference, `docker://${registry.host}/group/app:v1`, {
      format: 'v2s2',
    });

    const events = await waitFor(
      async () => {
        const stored = await storedEvents(nats.url);
        return stored.some((event) => event.tag === 'v1') && stored;
      },
      { what: 'the push event of group/app:v1' },
    );
    expect(events).toEqual([
      expect.objectContaining({
        action: RegistryAction.REGISTRY_ACTION_PUSH,
        repository: 'group/app',
        tag: 'v1',
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      }),
    ]);
    expect(events[0]?.sourceInstance).not.toBe('');
  });

  it('stores both events of a manifest delete: the one by digest and the one by tag', async () => {
    const image = await buildImage({ layout: join(work.path, 'layout'), tag: 'gone' });
    await skopeoCopy(image.reference, `docker://${registry.host}/group/old:gone`, {
      format: 'v2s2',
    });
    const pushed = await waitFor(
      async () => (await storedEvents(nats.url)).find((event) => event.tag === 'gone'),
      { what: 'the push event of group/old:gone' },
    );

    const response = await fetch(`${registry.url}/v2/group/old/manifests/${pushed.digest}`, {
      method: 'DELETE',
    });

    expect(response.status).toBe(202);
    const deletes = await waitFor(
      async () => {
        const stored = await storedEvents(nats.url);
        const found = stored.filter(
          (event) => event.action === RegistryAction.REGISTRY_ACTION_DELETE,
        );
        return found.length >= 2 && found;
      },
      { what: 'the delete events of group/old' },
    );
    expect(deletes.map((event) => [event.repository, event.tag, event.digest])).toEqual(
      expect.arrayContaining([
        ['group/old', '', pushed.digest],
        ['group/old', 'gone', ''],
      ]),
    );
  });
});
