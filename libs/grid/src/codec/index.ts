export {
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_HANDSHAKE_FRAME_BYTES,
  FRAME_VERSION,
  FrameDecoder,
  HEADER_BYTES,
  LENGTH_BYTES,
  decodeValue,
  encodeFrame,
  encodeValue,
  type FrameCodecOptions,
} from './frame';
