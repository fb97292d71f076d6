/**
 * Engine tests over the WebRTC DataChannel lane, in the test network namespace (tests tagged {@code netns}): two
 * nodes in two JVMs ({@link dev.actr.engine.webrtc.WebRtcTwoNodeTest}), and the collaborators they and the lane
 * contract suite's WebRTC fixture share — an in-memory relay, a relay in lines over a child's stdin and stdout, an
 * authenticator that believes the claimed id.
 */
package dev.actr.engine.webrtc;
