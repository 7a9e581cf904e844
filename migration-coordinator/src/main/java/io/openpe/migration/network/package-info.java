/**
 * The dedicated migration network of seed 003, as a pure function: from the migration L2VNI and the cluster list, each
 * cluster's NetworkAttachmentDefinition (bridge {@code br-hs-<vni>}, whereabouts range split so no two clusters hand
 * out the same address, gateway excluded, MTU from the underlay). JDK only.
 */
package io.openpe.migration.network;
