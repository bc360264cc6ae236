export { formatAddress, parseAddress, type HostPort } from './address';
export { Connection, NO_RESPONSE, type ConnectionOptions, type RequestOptions } from './connection';
export { PROTOCOL_VERSION, type PeerIdentity } from './handshake';
export { Messenger, type Handler, type MessageBus, type MessageCounts, type Sender } from './messenger';
export { DEFAULT_MAX_PENDING_HANDSHAKES, DEFAULT_MAX_PENDING_HANDSHAKES_PER_ADDRESS } from './pending-handshakes';
export { Transport, type TlsFiles, type TransportOptions } from './transport';
